// The command palette (built out in its own change).
export function CommandPalette() {
  return null;
}

// Workflow states as words: `IN_REVIEW` → "In review". The states come from
// the API (workflows are data), so unknown ones still read well.
export function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown';
}

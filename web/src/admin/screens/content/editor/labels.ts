// Words for the workflow's machine names.

/** `request_changes` → "Request changes", `IN_REVIEW` → "In review". */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Words for API names: `IN_REVIEW` → "In review", `request_changes` →
// "Request changes". Labels come from the API's own names, never a table.
export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp from the API, in the user's locale and time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? '—' : dateTime.format(at);
}

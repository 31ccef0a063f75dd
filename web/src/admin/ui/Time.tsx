// Times as people read them: "in 3 hours" next to the date and time in the
// user's own time zone (the browser's), in a <time> element machines can read.
import { useEffect, useState } from 'react';

const absoluteFormat = new Intl.DateTimeFormat(undefined, {
  // dateStyle/timeStyle cannot be combined with timeZoneName.
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** The date and time in the user's zone; the input as given when unreadable. */
export function formatAbsolute(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : absoluteFormat.format(at);
}

/** "3 minutes ago", "in 2 days", relative to `now`. */
export function formatRelative(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 45) return relativeFormat.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(seconds, 'second');
}

/** The current time, updated every `intervalMs` so relative times stay true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A relative time with the absolute one as its tooltip (or beside it). */
export function RelativeTime({
  iso,
  showAbsolute = false,
}: {
  iso: string;
  showAbsolute?: boolean;
}) {
  const now = useNow();
  const absolute = formatAbsolute(iso);
  return (
    <time dateTime={iso} title={absolute}>
      {formatRelative(iso, now)}
      {showAbsolute ? <span className="time-absolute"> ({absolute})</span> : null}
    </time>
  );
}

// When a new key stops working: never, after a common span, or at the end of
// a chosen day in the user's time zone. Sent to the API as a UTC instant.
import type { CalendarDate } from '@internationalized/date';

export type ExpiryChoice = 'never' | '7' | '30' | '90' | '365' | 'date';

export const EXPIRY_CHOICES: { id: ExpiryChoice; name: string }[] = [
  { id: 'never', name: 'Never' },
  { id: '7', name: 'In 7 days' },
  { id: '30', name: 'In 30 days' },
  { id: '90', name: 'In 90 days' },
  { id: '365', name: 'In a year' },
  { id: 'date', name: 'At the end of a chosen day…' },
];

export function isExpiryChoice(value: unknown): value is ExpiryChoice {
  return EXPIRY_CHOICES.some((choice) => choice.id === value);
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The instant a choice means, as the API takes it (UTC, whole seconds);
 * null for never, and for a chosen day not yet picked.
 */
export function expiryInstant(
  choice: ExpiryChoice,
  now: number,
  day: CalendarDate | null,
  timeZone: string,
): string | null {
  let at: number;
  if (choice === 'never') return null;
  if (choice === 'date') {
    if (!day) return null;
    // The end of the day is the start of the next one.
    at = day.add({ days: 1 }).toDate(timeZone).getTime();
  } else {
    at = now + Number(choice) * DAY_MS;
  }
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

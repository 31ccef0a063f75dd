import { describe, expect, it } from 'vitest';

import { formatRelative } from '../../src/admin/ui/Time';
import { statusLabel } from '../../src/admin/ui/status';

const now = Date.parse('2026-12-07T12:00:00Z');

describe('formatRelative', () => {
  it('reads past and future times in the largest fitting unit', () => {
    expect(formatRelative('2026-12-07T11:59:50Z', now)).toBe('now');
    expect(formatRelative('2026-12-07T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-12-07T15:00:00Z', now)).toBe('in 3 hours');
    expect(formatRelative('2026-12-09T12:00:00Z', now)).toBe('in 2 days');
  });

  it('returns an unreadable value as given', () => {
    expect(formatRelative('not a date', now)).toBe('not a date');
  });
});

describe('statusLabel', () => {
  it('turns workflow states into words', () => {
    expect(statusLabel('IN_REVIEW')).toBe('In review');
    expect(statusLabel('request_changes')).toBe('Request changes');
    expect(statusLabel('')).toBe('Unknown');
  });
});

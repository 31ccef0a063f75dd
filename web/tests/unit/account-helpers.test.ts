// Small helpers of the account and API key screens: naming a session's
// device, grouping a two-factor secret, and a new key's expiry instant.
import { CalendarDate } from '@internationalized/date';
import { describe, expect, it } from 'vitest';

import { groupSecret } from '../../src/admin/screens/account/TwoFactorPanel';
import { describeUserAgent } from '../../src/admin/screens/account/user-agent';
import { expiryInstant } from '../../src/admin/screens/apikeys/expiry';

describe('describeUserAgent', () => {
  it('names the browser and the system', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(
      describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0'),
    ).toBe('Firefox on macOS');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Headless Chrome on Linux');
  });

  it('keeps a tool’s name, and says when there is nothing', () => {
    expect(describeUserAgent('curl/8.5.0')).toBe('curl');
    expect(describeUserAgent('')).toBe('Unknown device');
    expect(describeUserAgent(null)).toBe('Unknown device');
  });
});

describe('groupSecret', () => {
  it('spaces a base32 secret in fours', () => {
    expect(groupSecret('ABCDEFGHIJKLMNOP')).toBe('ABCD EFGH IJKL MNOP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });
});

describe('expiryInstant', () => {
  const now = Date.parse('2026-12-07T12:34:56.789Z');
  it('is null for never, and for a day not picked yet', () => {
    expect(expiryInstant('never', now, null, 'UTC')).toBeNull();
    expect(expiryInstant('date', now, null, 'UTC')).toBeNull();
  });

  it('counts whole days from now', () => {
    expect(expiryInstant('30', now, null, 'UTC')).toBe('2027-01-06T12:34:56Z');
  });

  it('ends a chosen day at midnight in the user’s zone', () => {
    const day = new CalendarDate(2027, 3, 1);
    expect(expiryInstant('date', now, day, 'Europe/Paris')).toBe('2027-03-01T23:00:00Z');
    expect(expiryInstant('date', now, day, 'UTC')).toBe('2027-03-02T00:00:00Z');
  });
});

// Which WebSocket failures the admin's client retries: closes (the terminate
// that follows a session refresh included, or live views would die every
// refresh), never the client's own thrown errors (retried in a tight loop).
import { TerminatedCloseEvent } from 'graphql-ws';
import { describe, expect, it } from 'vitest';

import { isCloseEvent } from '../../src/admin/api/client';

describe('isCloseEvent', () => {
  it('retries a terminate and a real close', () => {
    expect(isCloseEvent(new TerminatedCloseEvent())).toBe(true);
    expect(isCloseEvent({ code: 1006, reason: '', wasClean: false })).toBe(true);
  });

  it('does not retry what the client threw', () => {
    expect(isCloseEvent(new TypeError('"query" must be a string'))).toBe(false);
    expect(isCloseEvent(undefined)).toBe(false);
  });
});

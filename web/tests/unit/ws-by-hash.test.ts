// Subscriptions sent by hash: graphql-ws refuses a subscribe payload without
// a `query` string (and, told to retry every error, used to retry that
// refusal in a loop that froze the page). The placeholder passes its check
// and never reaches the server.
import { MessageType, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';

import { BY_HASH, wsReplacer } from '../../src/admin/api/client';

const extensions = { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } };

describe('subscribe by hash', () => {
  it('is refused by graphql-ws without a query string', () => {
    const payload = { extensions } as unknown as { query: string };
    expect(() =>
      stringifyMessage({ id: '1', type: MessageType.Subscribe, payload }, wsReplacer),
    ).toThrow(/query/);
  });

  it('sends the hash and no query', () => {
    const text = stringifyMessage(
      { id: '1', type: MessageType.Subscribe, payload: { query: BY_HASH, extensions } },
      wsReplacer,
    );
    const sent = JSON.parse(text) as { payload: Record<string, unknown> };
    expect(sent.payload).not.toHaveProperty('query');
    expect(sent.payload.extensions).toEqual(extensions);
  });

  it('leaves real documents and other fields alone', () => {
    const text = stringifyMessage(
      {
        id: '1',
        type: MessageType.Subscribe,
        payload: { query: 'subscription { serverTime }', variables: { query: '' } },
      },
      wsReplacer,
    );
    expect(JSON.parse(text)).toMatchObject({
      payload: { query: 'subscription { serverTime }', variables: { query: '' } },
    });
  });
});

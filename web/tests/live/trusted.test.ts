// Trusted-documents mode (VELLUM_PERSISTED_QUERIES=trusted): only documents
// imported from an Apollo persisted-query manifest run, by hash or by text;
// everything else is 403 TRUSTED_DOCUMENT_REQUIRED, on every transport.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { graphql, startVellum, type Vellum } from './server';

const MANIFEST = resolve(import.meta.dirname, 'fixtures/apollo-manifest.json');
const operations = (
  JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    operations: { id: string; name: string; body: string }[];
  }
).operations;
const byName = (name: string) => operations.find((op) => op.name === name)!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let vellum: Vellum;
beforeAll(async () => {
  vellum = await startVellum({
    env: { VELLUM_PERSISTED_QUERIES: 'trusted' },
    before: [{ args: ['persisted', 'import', MANIFEST] }],
  });
});
afterAll(async () => {
  await vellum?.stop();
});

/** POSTs a hash-only request. */
async function byHash(hash: string, variables?: Record<string, unknown>, accept?: string) {
  const response = await fetch(`${vellum.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: accept ?? 'application/graphql-response+json',
    },
    body: JSON.stringify({
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function expectRefused(answer: { status: number; body: any }) {
  expect(answer.status).toBe(403);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors[0].extensions.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
  expect(answer.body.errors[0].message).toMatch(/only trusted documents/);
}

describe('trusted documents', () => {
  it('the fixture manifest hashes are the documents’ SHA-256', () => {
    for (const op of operations) expect(op.id).toBe(sha256(op.body));
  });

  it('refuses a document that was not imported: 403 with a readable message', async () => {
    const answer = await graphql(vellum.url, 'query Stranger { health }');
    expectRefused(answer);
    expect(answer.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    // Under the legacy media type too.
    expectRefused(
      await graphql(vellum.url, '{ health }', undefined, { accept: 'application/json' }),
    );
  });

  it('refuses an unknown hash with the trusted code, not PERSISTED_QUERY_NOT_FOUND', async () => {
    const unknown = sha256('query Unknown { health }');
    const answer = await byHash(unknown);
    expectRefused(answer);
    expect(answer.body.errors[0].message).toContain(unknown);
  });

  it('does not let APQ registration (text + hash) add a document', async () => {
    const text = 'query Sneaky { health }';
    const hash = sha256(text);
    const register = await fetch(`${vellum.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: text,
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }),
    });
    expect(register.status).toBe(403);
    expectRefused(await byHash(hash));
  });

  it('runs an imported document by hash (POST and GET) and by its full text', async () => {
    const contents = byName('TrustedContents');
    const hit = await byHash(contents.id, { first: 2 });
    expect(hit.status).toBe(200);
    expect(hit.body.errors).toBeUndefined();
    expect(hit.body.data).toEqual({
      contents: { totalCount: 0, pageInfo: { hasNextPage: false } },
    });

    const health = byName('TrustedHealth');
    const get = await fetch(
      `${vellum.url}/graphql?extensions=${encodeURIComponent(
        JSON.stringify({ persistedQuery: { version: 1, sha256Hash: health.id } }),
      )}`,
      { headers: { accept: 'application/graphql-response+json' } },
    );
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { health: 'ok' } });

    const text = await graphql(vellum.url, contents.body, { first: 1 });
    expect(text.status).toBe(200);
    expect(text.body.data.contents.totalCount).toBe(0);
  });

  it('refuses a non-imported document over WebSocket too', async () => {
    const client = createClient({
      url: `${vellum.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      // The imported subscription runs...
      const clock = client.iterate({ query: byName('TrustedClock').body });
      const tick = await clock.next();
      expect(tick.value?.data?.serverTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      await clock.return?.();
      // ...another document does not.
      const stranger = client.iterate({ query: 'query WsStranger { health }' });
      const outcome = await stranger.next().then(
        (step) => ({ step, error: undefined as unknown }),
        (error: unknown) => ({ step: undefined, error }),
      );
      expect(outcome.step?.value?.data ?? null).toBeNull();
      expect(JSON.stringify(outcome.error ?? outcome.step?.value)).toContain(
        'TRUSTED_DOCUMENT_REQUIRED',
      );
    } finally {
      await client.dispose();
    }
  });
});

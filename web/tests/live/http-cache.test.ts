// HTTP caching of /graphql: an anonymous GET of published content is public
// (weak ETag, the configured Cache-Control, Surrogate-Key, 304 on
// If-None-Match); credentials, POST and errors make an answer private.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphql, startVellum, type Vellum } from './server';

const CACHE_CONTROL = 'public, max-age=30, s-maxage=60, stale-while-revalidate=30';
const ADMIN = { email: 'cache-admin@vellum.test', password: 'Quartz-lantern-7-harbour' };
const QUERY = '{ contents(first: 5) { nodes { id title slug status } } }';

let vellum: Vellum;
let token: string;
beforeAll(async () => {
  vellum = await startVellum({
    env: { VELLUM_HTTP_CACHE_CONTROL: CACHE_CONTROL },
    before: [
      { args: ['seed-demo', '--items', '12', '--authors', '2', '--tags', '3'] },
      { args: ['create-admin', '--email', ADMIN.email, '--password-stdin'], stdin: ADMIN.password },
    ],
  });
  const { body } = await graphql(
    vellum.url,
    'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }',
    { input: ADMIN },
  );
  expect(body.errors).toBeUndefined();
  token = body.data.signIn.accessToken;
  expect(token).toBeTruthy();
});
afterAll(async () => {
  await vellum?.stop();
});

function get(query: string, headers: Record<string, string> = {}) {
  return fetch(`${vellum.url}/graphql?query=${encodeURIComponent(query)}`, {
    headers: { accept: 'application/graphql-response+json', ...headers },
  });
}

function expectPrivate(response: Response) {
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  expect(response.headers.get('etag')).toBeNull();
  expect(response.headers.get('surrogate-key')).toBeNull();
}

describe('HTTP caching', () => {
  it('an anonymous GET of published content is public, and 304s on If-None-Match', async () => {
    const response = await get(QUERY);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const nodes = body.data.contents.nodes as { id: string; status: string }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(new Set(nodes.map((n) => n.status))).toEqual(new Set(['PUBLISHED']));

    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(response.headers.get('cache-control')).toBe(CACHE_CONTROL);
    expect(response.headers.get('vary')).toMatch(/Authorization/);
    expect(response.headers.get('vary')).toMatch(/Cookie/);
    const keys = response.headers.get('surrogate-key')!.split(' ');
    expect(keys[0]).toBe('vellum');
    expect(keys.slice(1).sort()).toEqual(nodes.map((n) => `content:${n.id}`).sort());

    // The same answer again: the same tag (the tag is of the content).
    const again = await get(QUERY);
    expect(again.headers.get('etag')).toBe(etag);
    await again.arrayBuffer();

    const revalidated = await get(QUERY, { 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('cache-control')).toBe(CACHE_CONTROL);

    // A stale tag gets the whole answer.
    const stale = await get(QUERY, { 'if-none-match': 'W/"00000000000000000000000000000000"' });
    expect(stale.status).toBe(200);
    expect((await stale.json()).data).toEqual(body.data);
  });

  it('an authenticated GET is private, no-store, without ETag, and never 304', async () => {
    const tag = (await get(QUERY)).headers.get('etag')!;
    const response = await get(QUERY, { authorization: `Bearer ${token}`, 'if-none-match': tag });
    expect(response.status).toBe(200);
    expectPrivate(response);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.contents.nodes.length).toBeGreaterThan(0);
  });

  it('a POST is never cacheable', async () => {
    const { status, headers, body } = await graphql(vellum.url, QUERY);
    expect(status).toBe(200);
    expect(body.data.contents.nodes.length).toBeGreaterThan(0);
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(headers.get('etag')).toBeNull();
  });

  it('an anonymous GET answered with errors is private', async () => {
    const response = await get('{ me { id } }');
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expectPrivate(response);
  });
});

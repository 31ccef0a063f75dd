import { describe, expect, it } from 'vitest';

import {
  CSRF_HEADER,
  connectionParams,
  endpoints,
  readCookie,
  withCsrf,
} from '../../src/graphiql/session';

describe('endpoints', () => {
  it('uses the page host for HTTP and WebSocket', () => {
    expect(endpoints({ protocol: 'http:', host: 'localhost:8080' })).toEqual({
      http: 'http://localhost:8080/graphql',
      ws: 'ws://localhost:8080/graphql',
    });
    expect(endpoints({ protocol: 'https:', host: 'cms.example.com' }).ws).toBe(
      'wss://cms.example.com/graphql',
    );
  });
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; vellum_csrf=abc%2Fd ; b=2', 'vellum_csrf')).toBe('abc/d');
    expect(readCookie('xvellum_csrf=1', 'vellum_csrf')).toBeUndefined();
    expect(readCookie('vellum_csrf=', 'vellum_csrf')).toBeUndefined();
    expect(readCookie('', 'vellum_csrf')).toBeUndefined();
  });
});

describe('withCsrf', () => {
  const recorder = () => {
    const seen: Headers[] = [];
    const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return new Response('{}');
    }) as typeof fetch;
    return { seen, fetchImpl };
  };

  it('adds the header when the cookie session is on', async () => {
    const { seen, fetchImpl } = recorder();
    await withCsrf(fetchImpl, () => 'vellum_csrf=tok')('/graphql', {
      headers: { 'content-type': 'application/json' },
    });
    expect(seen[0]?.get(CSRF_HEADER)).toBe('tok');
    expect(seen[0]?.get('content-type')).toBe('application/json');
  });

  it('leaves requests alone without the cookie, and keeps a typed header', async () => {
    const { seen, fetchImpl } = recorder();
    await withCsrf(fetchImpl, () => 'other=1')('/graphql', {});
    await withCsrf(fetchImpl, () => 'vellum_csrf=tok')('/graphql', {
      headers: { 'x-csrf-token': 'mine' },
    });
    expect(seen[0]?.has(CSRF_HEADER)).toBe(false);
    expect(seen[1]?.get(CSRF_HEADER)).toBe('mine');
  });
});

describe('connectionParams', () => {
  it('carries the Authorization header of the editor, whatever its case', () => {
    expect(connectionParams({ AUTHORIZATION: 'Bearer x', Other: 'y' })).toEqual({
      authorization: 'Bearer x',
    });
    expect(connectionParams({ authorization: '' })).toEqual({});
    expect(connectionParams(undefined)).toEqual({});
  });
});

// Apollo Client 4's persisted-query link against the live server (APQ, the
// default mode): a miss, the registration, then hash-only hits — over POST
// and over GET, as recorded by the fetch the HttpLink is given.
import { createHash } from 'node:crypto';

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startVellum, type Vellum } from './server';

let vellum: Vellum;
beforeAll(async () => {
  vellum = await startVellum();
});
afterAll(async () => {
  await vellum?.stop();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Exchange {
  method: string;
  /** The GraphQL request: the JSON body, or the URL's parameters decoded. */
  request: { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } };
  status: number;
  headers: Headers;
  response: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A client with a fresh cache whose every HTTP exchange lands in `log`. */
function client(useGETForHashedQueries: boolean) {
  const log: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const sent =
      request.method === 'GET'
        ? Object.fromEntries(
            [...url.searchParams].map(([k, v]) => [k, k === 'extensions' ? JSON.parse(v) : v]),
          )
        : JSON.parse(await request.clone().text());
    const response = await fetch(request);
    log.push({
      method: request.method,
      request: sent,
      status: response.status,
      headers: response.headers,
      response: await response.clone().json(),
    });
    return response;
  };
  const apollo = new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      new PersistedQueryLink({ sha256, useGETForHashedQueries }),
      new HttpLink({ uri: `${vellum.url}/graphql`, fetch: recording }),
    ]),
  });
  return { apollo, log };
}

const codes = (exchange: Exchange | undefined) =>
  (exchange?.response.errors ?? []).map((e) => e.extensions?.code);

async function run(useGET: boolean, query: DocumentNode) {
  const { apollo, log } = client(useGET);
  const result = await apollo.query<{ health: string; contents: { totalCount: number } }>({
    query,
  });
  return { result, log };
}

describe('Apollo Client persisted queries', () => {
  it('misses, registers with the text, then a fresh client hits by hash alone (POST)', async () => {
    const query = gql`
      query ApqOverPost {
        health
        contents(first: 1) {
          totalCount
        }
      }
    `;
    const first = await run(false, query);
    expect(first.result.data?.health).toBe('ok');
    expect(first.log.map((e) => e.method)).toEqual(['POST', 'POST']);
    const [miss, register] = first.log;
    expect(miss!.request.query).toBeUndefined();
    expect(miss!.status).toBe(200);
    expect(codes(miss)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(miss!.response.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    expect(typeof register!.request.query).toBe('string');
    const hash = sha256(register!.request.query!);
    expect(miss!.request.extensions?.persistedQuery?.sha256Hash).toBe(hash);
    expect(register!.request.extensions?.persistedQuery?.sha256Hash).toBe(hash);
    expect(register!.response.errors).toBeUndefined();

    const second = await run(false, query);
    expect(second.result.data).toEqual(first.result.data);
    expect(second.log).toHaveLength(1);
    expect(second.log[0]!.request.query).toBeUndefined();
    expect(second.log[0]!.request.extensions?.persistedQuery?.sha256Hash).toBe(hash);
    expect(second.log[0]!.response.errors).toBeUndefined();
    expect(second.log[0]!.response.data.health).toBe('ok');
  });

  it('sends hashed queries over GET with useGETForHashedQueries', async () => {
    const query = gql`
      query ApqOverGet {
        health
        contents(first: 2) {
          totalCount
        }
      }
    `;
    const first = await run(true, query);
    expect(first.result.data?.contents.totalCount).toBe(0);
    // The miss goes over GET; Apollo resends the text with POST.
    expect(first.log.map((e) => e.method)).toEqual(['GET', 'POST']);
    expect(codes(first.log[0])).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(first.log[0]!.request.query).toBeUndefined();

    const second = await run(true, query);
    expect(second.log).toHaveLength(1);
    const [hit] = second.log;
    expect(hit!.method).toBe('GET');
    expect(hit!.request.query).toBeUndefined();
    expect(hit!.status).toBe(200);
    expect(hit!.response.errors).toBeUndefined();
    expect(hit!.response.data).toMatchObject({ health: 'ok', contents: { totalCount: 0 } });
    // An anonymous hashed GET is what a CDN may keep.
    expect(hit!.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{32}"$/);
    expect(hit!.headers.get('cache-control')).toMatch(/^public/);
  });
});

// GraphQL Code Generator's client preset against the live schema: typed
// documents and a persisted-documents manifest, which a trusted-documents
// server imports and then runs by hash only.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { generate } from '@graphql-codegen/cli';
import { preset as clientPreset } from '@graphql-codegen/client-preset';
import { parse, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphql, startVellum, type Vellum } from './server';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/operations.graphql');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The hex SHA-256 in a codegen document id (`sha256:<hex>`). */
const hexOf = (id: string) => id.replace(/^sha256:/, '');

let dir: string;
let generated: string; // gql/graphql.ts
let manifest: Record<string, string>;
let trusted: Vellum | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vellum-codegen-'));
  const apq = await startVellum();
  // The preset itself, not its name: names resolve from `cwd`.
  const output = { preset: clientPreset, presetConfig: { persistedDocuments: true } };
  const config = { cwd: dir, silent: true, schema: `${apq.url}/graphql`, documents: [FIXTURE] };
  await generate({ ...config, generates: { [join(dir, 'gql/')]: output } }, true).finally(() =>
    apq.stop(),
  );
  generated = await readFile(join(dir, 'gql/graphql.ts'), 'utf8');
  const manifestPath = join(dir, 'gql/persisted-documents.json');
  manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>;
  trusted = await startVellum({
    env: { VELLUM_PERSISTED_QUERIES: 'trusted' },
    before: [
      { args: ['seed-demo', '--items', '4', '--authors', '1', '--tags', '1'] },
      // The manifest exactly as codegen wrote it (keys `sha256:<hex>`).
      { args: ['persisted', 'import', manifestPath] },
    ],
  });
});

afterAll(async () => {
  await trusted?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** POSTs a body to the trusted server. */
async function post(body: Record<string, unknown>) {
  const response = await fetch(`${trusted!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A generated document, read back from the emitted TypeScript. */
function generatedDocument(name: string): DocumentNode & { __meta__: { hash: string } } {
  const pattern = new RegExp(`export const ${name}Document = (\\{.*\\}) as unknown as`);
  const match = pattern.exec(generated);
  expect(match, `${name}Document in graphql.ts`).not.toBeNull();
  return JSON.parse(match![1]!);
}

describe('GraphQL Code Generator (client preset)', () => {
  it('emits typed operations, variables, fragment and subscription', () => {
    // Types follow the live schema's nullability (custom scalars are
    // `unknown` without a scalars config).
    expect(generated).toMatch(
      /export type LatestContentsQueryVariables = Exact<\{\s*first: number;\s*filter\?: ContentFilterInput \| null \| undefined;\s*\}>;/,
    );
    expect(generated).toContain(
      "export type LatestContentsQuery = { contents: { nodes: Array<{ ' $fragmentRefs'?: { 'ContentCardFragment': ContentCardFragment } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };",
    );
    expect(generated).toContain(
      'export type ContentCardFragment = { id: unknown, title: string, slug: string, publishedAt: unknown, author: { displayName: string } | null }',
    );
    expect(generated).toContain('export type ServerClockSubscription = { serverTime: unknown };');
    expect(generated).toMatch(/export type ContentFilterInput = \{[^}]*\btagsAny\?:/);
    expect(generated).toContain(
      'as unknown as DocumentNode<LatestContentsQuery, LatestContentsQueryVariables>;',
    );
  });

  it('maps SHA-256 hashes to the documents, as the documents carry them', () => {
    expect(Object.keys(manifest)).toHaveLength(2);
    for (const [id, text] of Object.entries(manifest)) {
      expect(id).toMatch(/^(sha256:)?[0-9a-f]{64}$/);
      expect(hexOf(id)).toBe(sha256(text));
    }
    const names = (document: DocumentNode) =>
      document.definitions.map((d) => ('name' in d ? d.name?.value : '')).sort();
    for (const [name, definitions] of [
      ['LatestContents', ['ContentCard', 'LatestContents']],
      ['ServerClock', ['ServerClock']],
    ] as const) {
      const document = generatedDocument(name);
      const text = manifest[document.__meta__.hash];
      expect(text, `${name} in the manifest`).toBeDefined();
      // The manifest holds the operation with the fragments it spreads.
      expect(names(parse(text!))).toEqual(definitions);
      expect(names(document)).toEqual(definitions);
    }
  });

  it('runs the generated query on a trusted server by hash only', async () => {
    const { __meta__ } = generatedDocument('LatestContents');
    const { status, body } = await post({
      variables: { first: 3, filter: null },
      extensions: { persistedQuery: { version: 1, sha256Hash: hexOf(__meta__.hash) } },
    });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    // The fragment's fields came through the persisted document.
    const nodes = body.data.contents.nodes as Record<string, any>[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.length).toBeLessThanOrEqual(3);
    for (const node of nodes) {
      expect(Object.keys(node).sort()).toEqual(['author', 'id', 'publishedAt', 'slug', 'title']);
      expect(node.author.displayName).toEqual(expect.any(String));
    }
    expect(typeof body.data.contents.pageInfo.hasNextPage).toBe('boolean');
  });

  it('runs it by documentId (GraphQL over HTTP), as the client preset sends it', async () => {
    const { __meta__ } = generatedDocument('LatestContents');
    const { status, body } = await post({ documentId: __meta__.hash, variables: { first: 1 } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.contents.nodes).toHaveLength(1);
  });

  it('refuses a document that was not imported with 403 TRUSTED_DOCUMENT_REQUIRED', async () => {
    const { status, body } = await graphql(trusted!.url, 'query NotImported { health }');
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    // ... while the imported text itself still runs.
    const text = manifest[generatedDocument('LatestContents').__meta__.hash]!;
    const ok = await graphql(trusted!.url, text, { first: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.data.contents.nodes).toHaveLength(1);
  });
});

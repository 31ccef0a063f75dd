// Tools read the schema with graphql-js's full introspection query: it must
// pass the server's limits, describe the same schema as the SDL download,
// and abusive introspection must still be refused with a code.
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphql, startVellum, type Vellum } from './server';

let vellum: Vellum;
beforeAll(async () => {
  vellum = await startVellum();
});
afterAll(async () => {
  await vellum?.stop();
});

// Every option graphql 16.15 knows, except the experimental directive
// deprecation (not in the spec).
const FULL = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});

async function introspect(): Promise<GraphQLSchema> {
  const { status, body } = await graphql(vellum.url, FULL);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return buildClientSchema(body.data as IntrospectionQuery);
}

async function sdl(): Promise<string> {
  const response = await fetch(`${vellum.url}/graphql/schema.graphql`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The error codes of a refused introspection query. */
async function refusedCodes(query: string): Promise<string[]> {
  const { status, body } = await graphql(vellum.url, query);
  expect(body.data ?? null).toBeNull();
  expect(status).toBe(400);
  const errors = body.errors as { message: string; extensions?: { code?: string } }[];
  expect(errors.length).toBeGreaterThan(0);
  expect(errors[0]!.message).toMatch(/introspection/);
  return errors.map((e) => e.extensions?.code ?? '');
}

describe('introspection', () => {
  it('the full graphql-js query builds a client schema with the known roots', async () => {
    const schema = await introspect();
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    const subscription = schema.getSubscriptionType();
    expect([query?.name, mutation?.name, subscription?.name]).toEqual([
      'Query',
      'Mutation',
      'Subscription',
    ]);
    expect(Object.keys(query!.getFields())).toEqual(
      expect.arrayContaining(['contents', 'contentBySlug', 'health', 'me']),
    );
    expect(String(query!.getFields().contents!.type)).toBe('ContentConnection!');
    expect(Object.keys(mutation!.getFields())).toEqual(
      expect.arrayContaining(['signIn', 'createContent', 'publishContent']),
    );
    expect(String(subscription!.getFields().serverTime!.type)).toBe('DateTime!');
    // Descriptions came through (descriptions: true).
    expect(query!.getFields().health!.description).toMatch(/ok/);
  });

  it('describes the same schema as GET /graphql/schema.graphql', async () => {
    const [client, text] = await Promise.all([introspect(), sdl()]);
    const served = buildSchema(text);
    // Two graphql-js artefacts, not differences: its own @deprecated (which
    // buildSchema adds, as the SDL does not declare it) has the experimental
    // DIRECTIVE_DEFINITION location the spec's does not; and buildSchema
    // leaves out standard scalars nothing references (ID), which
    // introspection lists.
    const ARTEFACTS = [
      /^DIRECTIVE_DEFINITION was removed from deprecated\.$/,
      /^Standard scalar ID was removed because it is not referenced anymore\.$/,
    ];
    const real = (change: { description: string }) =>
      !ARTEFACTS.some((artefact) => artefact.test(change.description));
    for (const [from, to] of [
      [served, client],
      [client, served],
    ] as const) {
      expect(findBreakingChanges(from, to).filter(real)).toEqual([]);
      expect(findDangerousChanges(from, to).filter(real)).toEqual([]);
    }
    // Stronger than "no breaking change": the same types, fields,
    // arguments, defaults, descriptions and specifiedBy URLs, printed.
    // Not the schema's description: async-graphql 7.2 answers
    // `__schema { description }` with the __Schema type's boilerplate.
    const undescribed = new GraphQLSchema({ ...client.toConfig(), description: undefined });
    expect(printSchema(lexicographicSortSchema(undescribed))).toBe(
      printSchema(lexicographicSortSchema(served)),
    );
  });

  it('refuses ofType nested 30 deep', async () => {
    const deep = `${'ofType { '.repeat(30)}name${' }'.repeat(30)}`;
    const codes = await refusedCodes(`{ __type(name: "Query") { fields { type { ${deep} } } } }`);
    expect(codes).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a fields/type loop', async () => {
    let selection = 'name';
    for (let i = 0; i < 5; i++) selection = `fields { type { ${selection} } }`;
    const codes = await refusedCodes(`{ __schema { types { ${selection} } } }`);
    expect(codes).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('still allows the same loop two levels deep', async () => {
    // The boundary: graphql-js's own MaxIntrospectionDepthRule allows two.
    const { body } = await graphql(
      vellum.url,
      '{ __type(name: "Query") { fields { type { fields { name } } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.__type.fields.length).toBeGreaterThan(10);
  });
});

// The example tabs must run against the schema the server exports: a field
// renamed in Rust breaks this test, not a first-time user's first query.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

import { EXAMPLE_TABS } from '../../src/graphiql/examples';

const schema = buildSchema(
  readFileSync(resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8'),
);

describe('example tabs', () => {
  it.each(EXAMPLE_TABS.map((tab, i) => [i, tab] as const))('tab %i validates', (_, tab) => {
    const errors = validate(schema, parse(tab.query));
    expect(errors.map((e) => e.message)).toEqual([]);
    for (const json of [tab.variables, tab.headers]) {
      if (json !== undefined) expect(() => JSON.parse(json)).not.toThrow();
    }
  });

  it('cover a query, a mutation and a subscription', () => {
    const kinds = new Set(
      EXAMPLE_TABS.flatMap((tab) =>
        parse(tab.query).definitions.flatMap((d) =>
          d.kind === 'OperationDefinition' ? [d.operation] : [],
        ),
      ),
    );
    expect([...kinds].sort()).toEqual(['mutation', 'query', 'subscription']);
  });
});

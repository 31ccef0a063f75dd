// The content types builder's model: the definitions it sends (only the
// rules each kind takes), what a save renames or removes, the migration it
// asks for, and where the API's errors land.
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';

import {
  camelId,
  defaultProblem,
  draftFromDefinition,
  fieldChanges,
  migrationFor,
  newDraft,
  parseValuesHeld,
  placeErrors,
  toDefinitionInput,
  withKind,
  type DraftField,
} from '../../src/admin/screens/types/draft';
import type { EditorFieldDefinitionFragment } from '../../src/admin/gql/graphql';

const saved = (over: Partial<EditorFieldDefinitionFragment>): EditorFieldDefinitionFragment => ({
  __typename: 'FieldDefinition',
  apiId: 'title',
  name: 'Title',
  kind: 'TEXT',
  required: false,
  unique: false,
  min: null,
  max: null,
  pattern: null,
  options: [],
  referenceType: null,
  mediaTypes: [],
  multiple: false,
  default: null,
  ...over,
});

const draft = (over: Partial<DraftField>): DraftField => ({ ...newDraft(over.kind ?? 'TEXT'), ...over });

function apiError(errors: { message: string; extensions: Record<string, unknown> }[]) {
  return new CombinedGraphQLErrors({ errors: errors.map((e) => ({ ...e, locations: [], path: [] })) });
}

describe('api ids from names', () => {
  it('makes camelCase ids that start with a lowercase letter', () => {
    expect(camelId('Page count')).toBe('pageCount');
    expect(camelId('ISBN')).toBe('isbn');
    expect(camelId('  Événement à venir ')).toBe('evenementAVenir');
    expect(camelId('3 colours')).toBe('colours');
    expect(camelId('x'.repeat(80))).toHaveLength(64);
  });
});

describe('definitions sent', () => {
  it('sends only the rules the kind takes', () => {
    const d = draft({
      apiId: 'pages ',
      name: ' Pages ',
      kind: 'INTEGER',
      min: 1,
      max: 10,
      pattern: '[0-9]+',
      optionsText: 'a\nb',
      referenceType: 'book',
      mediaTypesText: 'image/*',
      multiple: true,
      unique: true,
    });
    expect(toDefinitionInput(d)).toEqual({
      apiId: 'pages',
      name: 'Pages',
      kind: 'INTEGER',
      required: false,
      unique: true,
      min: 1,
      max: 10,
      pattern: null,
      options: [],
      referenceType: null,
      mediaTypes: [],
      multiple: false,
      default: null,
    });
  });

  it('reads options a line each and file types split by commas or spaces', () => {
    const select = toDefinitionInput(draft({ kind: 'SELECT', optionsText: ' Fiction \n\nEssay\n' }));
    expect(select.options).toEqual(['Fiction', 'Essay']);
    expect(select.min).toBeNull();
    const media = toDefinitionInput(
      draft({ kind: 'MEDIA', mediaTypesText: 'image/*, application/pdf  video/mp4', multiple: true, unique: true }),
    );
    expect(media.mediaTypes).toEqual(['image/*', 'application/pdf', 'video/mp4']);
    expect(media.multiple).toBe(true);
    expect(media.unique).toBe(false);
    expect(media.default).toBeNull();
  });

  it('sends defaults as the API stores them, and none for empty ones', () => {
    expect(toDefinitionInput(draft({ kind: 'TEXT', default: 'Hello' })).default).toBe('Hello');
    expect(toDefinitionInput(draft({ kind: 'TEXT', default: '' })).default).toBeNull();
    expect(toDefinitionInput(draft({ kind: 'MULTI_SELECT', optionsText: 'a', default: [] })).default).toBeNull();
    expect(toDefinitionInput(draft({ kind: 'BOOLEAN', default: false })).default).toBe(false);
    expect(toDefinitionInput(draft({ kind: 'JSON', default: '{"a": 1}' })).default).toEqual({ a: 1 });
  });

  it('catches a default that would be refused or lost', () => {
    expect(defaultProblem(draft({ kind: 'JSON', default: '{oops' }))).toMatch(/^must be valid JSON/);
    expect(defaultProblem(draft({ kind: 'INTEGER', max: 5, default: 9 }))).toBe('must be at most 5');
    expect(defaultProblem(draft({ kind: 'INTEGER', max: 5, default: 3 }))).toBeUndefined();
  });

  it('round-trips a saved definition', () => {
    const def = saved({ kind: 'SELECT', apiId: 'genre', name: 'Genre', options: ['A', 'B'], default: 'B', unique: true });
    expect(toDefinitionInput(draftFromDefinition(def))).toEqual({
      apiId: 'genre',
      name: 'Genre',
      kind: 'SELECT',
      required: false,
      unique: true,
      min: null,
      max: null,
      pattern: null,
      options: ['A', 'B'],
      referenceType: null,
      mediaTypes: [],
      multiple: false,
      default: 'B',
    });
  });

  it('starts the default over when the kind changes', () => {
    const d = withKind(draft({ kind: 'TEXT', default: 'x' }), 'MULTI_SELECT');
    expect(d.default).toEqual([]);
  });
});

describe('renames and removals', () => {
  const title = draftFromDefinition(saved({ apiId: 'title' }));
  const pages = draftFromDefinition(saved({ apiId: 'pages', kind: 'INTEGER' }));

  it('finds renamed and removed fields against the saved ids', () => {
    const changes = fieldChanges(['title', 'pages', 'genre'], [{ ...title, apiId: 'headline' }, pages, newDraft('TEXT')]);
    expect(changes).toEqual({
      renamed: [{ from: 'title', to: 'headline', kindChanged: false }],
      removed: ['genre'],
    });
  });

  it('moves renamed values unless dropped; drops the rest of the affected fields', () => {
    const changes = fieldChanges(['title', 'pages', 'genre'], [
      { ...title, apiId: 'headline' },
      { ...pages, apiId: 'count', kind: 'FLOAT' },
    ]);
    expect(changes.renamed[1]).toEqual({ from: 'pages', to: 'count', kindChanged: true });
    expect(migrationFor(changes, ['title', 'pages', 'genre'], { title: 'move' })).toEqual({
      rename: [{ from: 'title', to: 'headline' }],
      drop: ['pages', 'genre'],
    });
    expect(migrationFor(changes, ['title'], { title: 'drop' })).toEqual({ rename: [], drop: ['title'] });
  });
});

describe("the API's errors", () => {
  const submitted = [
    { key: 'a', input: toDefinitionInput(draft({ apiId: 'title', name: 'Title' })) },
    { key: 'b', input: toDefinitionInput(draft({ apiId: 'genre', name: 'Genre', kind: 'SELECT', optionsText: 'A\nA' })) },
  ];

  it('puts field errors under the field and property they name', () => {
    const placed = placeErrors(
      apiError([
        { message: 'is already used by another field', extensions: { code: 'BAD_USER_INPUT', field: 'input.fields[1].apiId' } },
        { message: 'is listed more than once', extensions: { code: 'BAD_USER_INPUT', field: 'input.fields[1].options[1]' } },
        { message: 'must be 1 to 100 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.fields.0.name' } },
        { message: 'must be 1 to 100 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } },
      ]),
      submitted,
      false,
    );
    expect(placed.fields).toEqual({
      a: { name: 'must be 1 to 100 characters' },
      b: { apiId: 'is already used by another field', options: 'Option “A” is listed more than once.' },
    });
    expect(placed.details).toEqual({ name: 'must be 1 to 100 characters' });
    expect(placed.banner).toEqual([]);
  });

  it('puts a taken api id under the type’s api id when creating', () => {
    const placed = placeErrors(
      apiError([{ message: 'a content type book exists', extensions: { code: 'CONFLICT' } }]),
      submitted,
      true,
    );
    expect(placed.details.apiId).toBe('a content type book exists');
  });

  it('reads the refusal to drop values for the migration dialog', () => {
    const message = '3 items hold values for title, genre; name them in migration.drop or migration.rename to change them';
    expect(parseValuesHeld(message)).toEqual({ items: 3, apiIds: ['title', 'genre'] });
    const placed = placeErrors(
      apiError([{ message, extensions: { code: 'BAD_USER_INPUT', field: 'input.fields' } }]),
      submitted,
      false,
    );
    expect(placed.valuesHeld).toEqual({ items: 3, apiIds: ['title', 'genre'] });
    expect(placed.banner).toEqual([]);
  });

  it('sends what it cannot place to the banner', () => {
    const placed = placeErrors(
      apiError([
        { message: 'title and headline must be of the same kind', extensions: { code: 'BAD_USER_INPUT', field: 'input.migration.rename[0]' } },
        { message: 'must have at most 100 fields', extensions: { code: 'BAD_USER_INPUT', field: 'input.fields' } },
        { message: 'Forbidden', extensions: { code: 'FORBIDDEN' } },
      ]),
      submitted,
      false,
    );
    expect(placed.banner).toEqual([
      'migration.rename[0]: title and headline must be of the same kind',
      'Fields must have at most 100 fields.',
      'Forbidden',
    ]);
  });
});

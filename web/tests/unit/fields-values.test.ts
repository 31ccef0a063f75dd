// The generator's pure value conversions and checks.
import { describe, expect, it } from 'vitest';

import type { FieldDefinition } from '../../src/admin/fields/types';
import {
  errorFor,
  instantToUtc,
  parseDateValue,
  parseInstant,
  sentence,
  toApiFields,
  toFormValues,
  validateFields,
  validateValue,
} from '../../src/admin/fields/values';

const def = (kind: FieldDefinition['kind'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  apiId: 'f',
  name: 'F',
  kind,
  required: false,
  options: [],
  unique: false,
  ...extra,
});

describe('toFormValues / toApiFields', () => {
  it('round-trips every kind and fills defaults', () => {
    const defs = [
      def('TEXT', { apiId: 't', default: 'hello' }),
      def('INTEGER', { apiId: 'i' }),
      def('BOOLEAN', { apiId: 'b' }),
      def('MULTI_SELECT', { apiId: 'm', options: ['a', 'b'] }),
      def('JSON', { apiId: 'j' }),
      def('DATE', { apiId: 'd' }),
    ];
    const form = toFormValues(defs, { i: 3, b: true, m: ['b'], j: { x: [1] } });
    expect(form).toEqual({ t: 'hello', i: 3, b: true, m: ['b'], j: '{\n  "x": [\n    1\n  ]\n}', d: null });
    expect(toApiFields(defs, form)).toEqual({ t: 'hello', i: 3, b: true, m: ['b'], j: { x: [1] }, d: null });
  });

  it('treats odd API values as empty', () => {
    const defs = [def('INTEGER', { apiId: 'i' }), def('TEXT', { apiId: 't' }), def('MULTI_SELECT', { apiId: 'm' })];
    expect(toFormValues(defs, { i: 'x', t: 5, m: 'a' })).toEqual({ i: null, t: null, m: [] });
    expect(toFormValues(defs, null)).toEqual({ i: null, t: null, m: [] });
  });

  it('sends empty text as null and keeps JSON false/0', () => {
    const defs = [def('TEXT', { apiId: 't' }), def('JSON', { apiId: 'j' })];
    expect(toApiFields(defs, { t: '', j: 'false' })).toEqual({ t: null, j: false });
    expect(toApiFields(defs, { t: 'x', j: '  ' })).toEqual({ t: 'x', j: null });
  });
});

describe('validateValue', () => {
  it('checks required, length and pattern of text', () => {
    expect(validateValue(def('TEXT', { required: true }), '  ')).toBe('is required');
    expect(validateValue(def('TEXT', { min: 3 }), 'ab')).toBe('must be at least 3 characters');
    expect(validateValue(def('TEXT', { max: 1 }), 'ab')).toBe('must be at most 1 character');
    expect(validateValue(def('TEXT', { pattern: '[A-Z]+' }), 'ABc')).toBe('must match the pattern [A-Z]+');
    expect(validateValue(def('TEXT', { pattern: '[A-Z]+' }), 'ABC')).toBeUndefined();
    // A pattern JavaScript cannot read is left to the API.
    expect(validateValue(def('TEXT', { pattern: '(?P<x>a)' }), 'b')).toBeUndefined();
    expect(validateValue(def('TEXT'), null)).toBeUndefined();
  });

  it('checks numbers', () => {
    expect(validateValue(def('INTEGER', { min: 1, max: 10 }), 11)).toBe('must be at most 10');
    expect(validateValue(def('INTEGER', { min: 1 }), 0)).toBe('must be at least 1');
    expect(validateValue(def('INTEGER'), 1.5)).toBe('must be a whole number');
    expect(validateValue(def('FLOAT', { max: 1.5 }), 1.5)).toBeUndefined();
    expect(validateValue(def('FLOAT', { required: true }), null)).toBe('is required');
  });

  it('checks dates, selects, references and JSON', () => {
    expect(validateValue(def('DATE'), '2024-02-30')).toMatch(/YYYY-MM-DD/);
    expect(validateValue(def('DATE'), '2024-02-29')).toBeUndefined();
    expect(validateValue(def('DATETIME'), 'soon')).toMatch(/RFC 3339/);
    expect(validateValue(def('SELECT', { options: ['a', 'b'] }), 'c')).toBe('must be one of: a, b');
    expect(validateValue(def('REFERENCE'), 'nope')).toBe('must be an item id (a UUID)');
    expect(validateValue(def('JSON'), '{"a":')).toMatch(/^must be valid JSON/);
    expect(validateValue(def('JSON'), '[1, 2]')).toBeUndefined();
    expect(validateValue(def('RICH_TEXT', { required: true }), '<p></p>')).toBe('is required');
  });

  it('takes file ids for media fields, one or a list', () => {
    const id = '6f1c4f52-8a0f-4f58-9a43-7e1c2b1f0a11';
    const one = def('MEDIA', { apiId: 'one' });
    const many = def('MEDIA', { apiId: 'many', multiple: true, mediaTypes: ['image/*'] });
    const form = toFormValues([one, many], { one: id, many: [id] });
    expect(form).toEqual({ one: id, many: [id] });
    expect(toApiFields([one, many], form)).toEqual({ one: id, many: [id] });
    expect(toApiFields([one, many], { one: '', many: [] })).toEqual({ one: null, many: [] });
    expect(validateValue(one, 'nope')).toBe('must be a file id (a UUID)');
    expect(validateValue(many, [id, 'nope'])).toBe('must be a file id (a UUID)');
    expect(validateValue(def('MEDIA', { multiple: true, required: true }), [])).toBe('is required');
  });

  it('counts multi-select choices', () => {
    const d = def('MULTI_SELECT', { options: ['a', 'b', 'c'], min: 2, max: 2 });
    expect(validateValue(d, ['a'])).toBe('must have at least 2 items');
    expect(validateValue(d, ['a', 'b', 'c'])).toBe('must have at most 2 items');
    expect(validateValue(d, ['a', 'b'])).toBeUndefined();
    expect(validateValue({ ...d, required: true, min: null }, [])).toBe('is required');
  });

  it('keys problems by the API path', () => {
    const defs = [def('TEXT', { apiId: 'a', required: true }), def('TEXT', { apiId: 'b' })];
    expect(validateFields(defs, { a: '', b: 'x' })).toEqual({ 'fields.a': 'is required' });
  });
});

describe('errors', () => {
  it('finds a field error, including one about an item of a list', () => {
    expect(errorFor({ 'fields.a': 'bad' }, 'a')).toBe('bad');
    expect(errorFor({ 'fields.ab': 'bad' }, 'a')).toBeUndefined();
    expect(errorFor({ 'fields.a[1]': 'is selected more than once' }, 'a')).toBe('is selected more than once');
  });
  it('makes predicates into sentences', () => {
    expect(sentence('Price', 'must be at most 10')).toBe('Price must be at most 10.');
    expect(sentence('Price', 'Something else.')).toBe('Something else.');
  });
});

describe('dates', () => {
  it('parses dates strictly', () => {
    expect(parseDateValue('2024-05-01')?.toString()).toBe('2024-05-01');
    expect(parseDateValue('2024-5-1')).toBeNull();
    expect(parseDateValue('2023-02-29')).toBeNull();
  });
  it('shows an instant in a zone and sends it back as UTC', () => {
    const shown = parseInstant('2024-05-01T12:00:00+00:00', 'Europe/Berlin');
    expect(shown?.hour).toBe(14);
    expect(instantToUtc(shown)).toBe('2024-05-01T12:00:00Z');
    expect(parseInstant('garbage', 'UTC')).toBeNull();
    expect(instantToUtc(null)).toBeNull();
  });
});

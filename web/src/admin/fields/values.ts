// Pure conversions between the API's custom-field values and the form's,
// and the checks the API makes, repeated client-side so mistakes show before
// a round trip. Messages follow the API's (src/content/types/fields/values.rs)
// so a field reads the same whichever side caught it.
import {
  CalendarDate,
  parseAbsolute,
  parseDate,
  type ZonedDateTime,
} from '@internationalized/date';

import type { FieldDefinition, FieldErrors, FieldValue, FieldValues } from './types';

/** The error key of a custom field, as the API names it (without `input.`). */
export const fieldPath = (apiId: string) => `fields.${apiId}`;

/** The form value for one API value (or the field's default when absent). */
export function toFormValue(def: FieldDefinition, raw: unknown): FieldValue {
  const value = raw === undefined || raw === null ? (def.default ?? null) : raw;
  switch (def.kind) {
    case 'TEXT':
    case 'MARKDOWN':
    case 'RICH_TEXT':
    case 'DATE':
    case 'DATETIME':
    case 'SELECT':
    case 'REFERENCE':
      return typeof value === 'string' ? value : null;
    case 'INTEGER':
    case 'FLOAT':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'BOOLEAN':
      return typeof value === 'boolean' ? value : null;
    case 'MULTI_SELECT':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    case 'JSON':
      return value === null ? '' : JSON.stringify(value, null, 2);
    case 'MEDIA':
      if (def.multiple) {
        return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
      }
      return typeof value === 'string' ? value : null;
  }
}

/** Form values for every definition from an item's `fields` (defaults fill gaps). */
export function toFormValues(defs: readonly FieldDefinition[], fields: unknown): FieldValues {
  const source = isObject(fields) ? fields : {};
  const out: Record<string, FieldValue> = {};
  for (const def of defs) out[def.apiId] = toFormValue(def, source[def.apiId]);
  return out;
}

/**
 * The API value for one form value: empty means null (the API drops nulls of
 * optional fields), JSON text is parsed. Call after `validateFields` passes;
 * text that does not parse is sent as null.
 */
export function toApiValue(def: FieldDefinition, value: FieldValue): unknown {
  if (value === null || value === undefined) return null;
  switch (def.kind) {
    case 'INTEGER':
    case 'FLOAT':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'BOOLEAN':
      return typeof value === 'boolean' ? value : null;
    case 'MULTI_SELECT':
      return Array.isArray(value) ? [...value] : [];
    case 'MEDIA':
      if (def.multiple) return Array.isArray(value) ? [...value] : [];
      return typeof value === 'string' && value !== '' ? value : null;
    case 'JSON': {
      if (typeof value !== 'string' || value.trim() === '') return null;
      const parsed = parseJson(value);
      return parsed.ok ? parsed.value : null;
    }
    default:
      return typeof value === 'string' && value !== '' ? value : null;
  }
}

/** The `fields` object to send: every defined field, nulls for empty ones. */
export function toApiFields(
  defs: readonly FieldDefinition[],
  values: FieldValues,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) out[def.apiId] = toApiValue(def, values[def.apiId] ?? null);
  return out;
}

/** Whether a value counts as given (the API's "is required"). */
export function isEmpty(def: FieldDefinition, value: FieldValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return def.kind === 'RICH_TEXT' ? richTextIsEmpty(value) : value.trim() === '';
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return def.kind === 'MULTI_SELECT' ? false : value.length === 0;
  return false;
}

/** An editor's empty document is `<p></p>`, not an empty string. */
function richTextIsEmpty(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim() === '' && !/<img\b/i.test(html);
}

/** The first problem with one value, as the API would word it; undefined when fine. */
export function validateValue(def: FieldDefinition, value: FieldValue): string | undefined {
  if (def.kind === 'MULTI_SELECT') return checkCount(def, Array.isArray(value) ? value : []);
  if (isEmpty(def, value)) return def.required ? 'is required' : undefined;
  switch (def.kind) {
    case 'TEXT':
      return checkLength(def, String(value)) ?? checkPattern(def, String(value));
    case 'MARKDOWN':
      return checkLength(def, String(value));
    case 'INTEGER':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
      return checkRange(def, value);
    case 'FLOAT':
      if (typeof value !== 'number') return 'must be a number';
      return checkRange(def, value);
    case 'DATE':
      return parseDateValue(String(value)) ? undefined : 'must be a valid date in the form YYYY-MM-DD';
    case 'DATETIME':
      return Number.isNaN(Date.parse(String(value)))
        ? 'must be a date and time in RFC 3339 form with an offset, e.g. 2024-05-01T12:00:00Z'
        : undefined;
    case 'SELECT':
      return def.options.includes(String(value)) ? undefined : oneOf(def.options);
    case 'REFERENCE':
      return UUID.test(String(value)) ? undefined : 'must be an item id (a UUID)';
    case 'MEDIA': {
      const ids = Array.isArray(value) ? value : [String(value)];
      return ids.every((id) => UUID.test(id)) ? undefined : 'must be a file id (a UUID)';
    }
    case 'JSON': {
      const parsed = parseJson(String(value));
      return parsed.ok ? undefined : `must be valid JSON (${parsed.error})`;
    }
    default:
      return undefined;
  }
}

/** Every client-side problem, keyed `fields.<apiId>`. */
export function validateFields(
  defs: readonly FieldDefinition[],
  values: FieldValues,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of defs) {
    const message = validateValue(def, values[def.apiId] ?? null);
    if (message) out[fieldPath(def.apiId)] = message;
  }
  return out;
}

/**
 * The API's message for a field: `fields.tags[2]` (one item of a
 * multi-select) counts as the field's own.
 */
export function errorFor(errors: FieldErrors | undefined, apiId: string): string | undefined {
  if (!errors) return undefined;
  const path = fieldPath(apiId);
  if (errors[path]) return errors[path];
  const item = Object.keys(errors).find((k) => k.startsWith(`${path}[`));
  return item ? errors[item] : undefined;
}

/**
 * A message under a field, as a sentence: the API words them as predicates
 * ("is required", "must be at most 10"), so they read after the label.
 */
export function sentence(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}.`.replace(/\.\.$/, '.') : message;
}

/** What a field's limits are, in words, for its description. */
export function describeLimits(def: FieldDefinition): string | undefined {
  const { min, max } = def;
  const unit =
    def.kind === 'TEXT' || def.kind === 'MARKDOWN' || def.kind === 'RICH_TEXT'
      ? 'characters'
      : def.kind === 'MULTI_SELECT'
        ? 'choices'
        : '';
  const has = (n: number | null | undefined): n is number => typeof n === 'number';
  const suffix = unit ? ` ${unit}` : '';
  if (has(min) && has(max)) return `${num(min)} to ${num(max)}${suffix}`;
  if (has(min)) return `At least ${num(min)}${suffix}`;
  if (has(max)) return `At most ${num(max)}${suffix}`;
  return undefined;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : 'does not parse' };
  }
}

/** `YYYY-MM-DD` as a calendar date, or null when it is not one. */
export function parseDateValue(value: string | null | undefined): CalendarDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    const date = parseDate(value);
    // parseDate constrains out-of-range days (02-31 → 02-28); a real date round-trips.
    return date.toString() === value ? date : null;
  } catch {
    return null;
  }
}

/** An RFC 3339 instant shown in `timeZone`, or null when it is not one. */
export function parseInstant(value: string | null | undefined, timeZone: string): ZonedDateTime | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  try {
    return parseAbsolute(new Date(ms).toISOString(), timeZone);
  } catch {
    return null;
  }
}

/** A picked date and time as the RFC 3339 UTC instant the API stores. */
export function instantToUtc(value: ZonedDateTime | null): string | null {
  if (!value) return null;
  // Whole minutes: the picker's granularity, and no milliseconds to surprise a diff.
  return new Date(value.toDate().getTime()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkLength(def: FieldDefinition, s: string): string | undefined {
  const length = [...s].length;
  if (typeof def.min === 'number' && length < def.min) return `must be at least ${plural(def.min, 'character')}`;
  if (typeof def.max === 'number' && length > def.max) return `must be at most ${plural(def.max, 'character')}`;
  return undefined;
}

function checkPattern(def: FieldDefinition, s: string): string | undefined {
  if (!def.pattern) return undefined;
  let re: RegExp;
  try {
    // The API's patterns must match in full.
    re = new RegExp(`^(?:${def.pattern})$`, 'u');
  } catch {
    // A pattern JavaScript cannot read (Rust syntax differs a little) is left to the API.
    return undefined;
  }
  return re.test(s) ? undefined : `must match the pattern ${def.pattern}`;
}

function checkRange(def: FieldDefinition, n: number): string | undefined {
  if (typeof def.min === 'number' && n < def.min) return `must be at least ${num(def.min)}`;
  if (typeof def.max === 'number' && n > def.max) return `must be at most ${num(def.max)}`;
  return undefined;
}

function checkCount(def: FieldDefinition, chosen: readonly string[]): string | undefined {
  if (def.required && chosen.length === 0) return 'is required';
  if (chosen.length === 0) return undefined;
  const stray = chosen.find((c) => !def.options.includes(c));
  if (stray !== undefined) return oneOf(def.options);
  if (typeof def.min === 'number' && chosen.length < def.min) return `must have at least ${plural(def.min, 'item')}`;
  if (typeof def.max === 'number' && chosen.length > def.max) return `must have at most ${plural(def.max, 'item')}`;
  return undefined;
}

function oneOf(options: readonly string[]): string {
  return options.length > 10
    ? `must be one of the field's ${options.length} options`
    : `must be one of: ${options.join(', ')}`;
}

function num(n: number): string {
  return String(n);
}

function plural(n: number, unit: string): string {
  return n === 1 ? `1 ${unit}` : `${num(n)} ${unit}s`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

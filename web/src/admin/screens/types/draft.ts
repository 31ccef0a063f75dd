// The builder's model of a content type while it is edited, and the pure
// steps around it: which rules each kind takes (as the API's
// src/content/types/fields/definitions.rs allows them), the definitions to
// send, what a save renames or removes, and where the API's errors belong.
import { apiErrors } from '../../api/errors';
import { toApiValue, toFormValue, validateValue, type FieldDefinition, type FieldValue } from '../../fields';
import type {
  EditorFieldDefinitionFragment,
  FieldDefinitionInput,
  FieldKind,
  FieldMigrationInput,
} from '../../gql/graphql';

/** What `min` and `max` bound for a kind; null when the kind takes neither. */
export type Bounds = 'length' | 'whole' | 'value' | 'count' | null;

export interface KindInfo {
  kind: FieldKind;
  label: string;
  hint: string;
  bounds: Bounds;
  unique: boolean;
  pattern: boolean;
  options: boolean;
  reference: boolean;
  media: boolean;
  /** Media fields take no default: one file for every item is never checked. */
  default: boolean;
}

const kind = (
  k: FieldKind,
  label: string,
  hint: string,
  rules: Partial<Omit<KindInfo, 'kind' | 'label' | 'hint'>> = {},
): KindInfo => ({
  kind: k,
  label,
  hint,
  bounds: null,
  unique: false,
  pattern: false,
  options: false,
  reference: false,
  media: false,
  default: true,
  ...rules,
});

/** Every kind, in the order the builder offers them. */
export const KINDS: readonly KindInfo[] = [
  kind('TEXT', 'Text', 'One line of plain text', { bounds: 'length', unique: true, pattern: true }),
  kind('RICH_TEXT', 'Rich text', 'Formatted text', { bounds: 'length' }),
  kind('MARKDOWN', 'Markdown', 'Text written in Markdown', { bounds: 'length' }),
  kind('INTEGER', 'Integer', 'A whole number', { bounds: 'whole', unique: true }),
  kind('FLOAT', 'Decimal number', 'Any number', { bounds: 'value', unique: true }),
  kind('BOOLEAN', 'Yes or no', 'On or off'),
  kind('DATE', 'Date', 'A calendar day', { unique: true }),
  kind('DATETIME', 'Date and time', 'An instant, stored in UTC', { unique: true }),
  kind('SELECT', 'Select', 'One of a list of options', { unique: true, options: true }),
  kind('MULTI_SELECT', 'Multi-select', 'Several of a list of options', { bounds: 'count', options: true }),
  kind('JSON', 'JSON', 'Any JSON value up to 64 KiB'),
  kind('REFERENCE', 'Reference', 'Another item', { unique: true, reference: true }),
  kind('MEDIA', 'Media', 'A file of the media library, or several', { media: true, default: false }),
];

export function kindInfo(k: FieldKind): KindInfo {
  return KINDS.find((i) => i.kind === k) ?? KINDS[0]!;
}

/** One field as the builder edits it. */
export interface DraftField {
  /** Stable while the page lives: api ids change as people type. */
  key: string;
  /** The api id as saved; null for a field added here. */
  savedApiId: string | null;
  /** The kind as saved; null for a field added here. */
  savedKind: FieldKind | null;
  apiId: string;
  /** A new field's api id is made from its name until someone types one. */
  apiIdFollowsName: boolean;
  name: string;
  kind: FieldKind;
  required: boolean;
  unique: boolean;
  min: number | null;
  max: number | null;
  pattern: string;
  /** One option a line, as typed. */
  optionsText: string;
  referenceType: string | null;
  /** File types separated by commas or spaces, as typed. */
  mediaTypesText: string;
  multiple: boolean;
  /** The default as the field's own form widget holds it. */
  default: FieldValue;
}

let lastKey = 0;
const nextKey = () => `f${++lastKey}`;

/** A camelCase api id from a name: `Page count` → `pageCount`. */
export function camelId(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Api ids start with a letter.
    .replace(/^[^A-Za-z]+/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .slice(0, 64);
}

export function newDraft(k: FieldKind): DraftField {
  return {
    key: nextKey(),
    savedApiId: null,
    savedKind: null,
    apiId: '',
    apiIdFollowsName: true,
    name: '',
    kind: k,
    required: false,
    unique: false,
    min: null,
    max: null,
    pattern: '',
    optionsText: '',
    referenceType: null,
    mediaTypesText: '',
    multiple: false,
    default: k === 'MULTI_SELECT' || k === 'MEDIA' ? [] : null,
  };
}

export function draftFromDefinition(def: EditorFieldDefinitionFragment, key = nextKey()): DraftField {
  const draft: DraftField = {
    key,
    savedApiId: def.apiId,
    savedKind: def.kind,
    apiId: def.apiId,
    apiIdFollowsName: false,
    name: def.name,
    kind: def.kind,
    required: def.required,
    unique: def.unique,
    min: def.min,
    max: def.max,
    pattern: def.pattern ?? '',
    optionsText: def.options.join('\n'),
    referenceType: def.referenceType,
    mediaTypesText: def.mediaTypes.join(', '),
    multiple: def.multiple,
    default: null,
  };
  draft.default = toFormValue(rulesOf(draft), def.default ?? null);
  return draft;
}

/** A field of another kind: rules the new kind does not take are kept (and
 * not sent) in case the kind goes back; the default starts over, as its old
 * value need not fit. */
export function withKind(draft: DraftField, k: FieldKind): DraftField {
  return { ...draft, kind: k, default: k === 'MULTI_SELECT' || k === 'MEDIA' ? [] : null };
}

/** Options, one a line; blank lines are left out. */
export function parseOptions(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

export function parseMediaTypes(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** The field's rules as the form generator reads them (no default). */
export function rulesOf(d: DraftField, apiId = d.apiId.trim()): FieldDefinition {
  const info = kindInfo(d.kind);
  return {
    apiId,
    name: d.name.trim(),
    kind: d.kind,
    required: d.required,
    unique: info.unique && d.unique,
    min: info.bounds ? d.min : null,
    max: info.bounds ? d.max : null,
    pattern: info.pattern && d.pattern !== '' ? d.pattern : null,
    options: info.options ? parseOptions(d.optionsText) : [],
    referenceType: info.reference ? d.referenceType : null,
    mediaTypes: info.media ? parseMediaTypes(d.mediaTypesText) : [],
    multiple: info.media && d.multiple,
  };
}

/** The definition the default is edited with: the field's rules, optional. */
export function defaultDefinition(d: DraftField): FieldDefinition {
  return { ...rulesOf(d, 'default'), name: 'Default value', required: false, unique: false };
}

/** The default to send: null for none (an empty list included). */
export function defaultValue(d: DraftField): unknown {
  if (!kindInfo(d.kind).default) return null;
  const value = toApiValue(rulesOf(d), d.default);
  return Array.isArray(value) && value.length === 0 ? null : (value ?? null);
}

/** A default the API would refuse, or that would be lost (JSON that does
 * not parse is sent as none), worded as the API words it. */
export function defaultProblem(d: DraftField): string | undefined {
  if (!kindInfo(d.kind).default) return undefined;
  return validateValue(defaultDefinition(d), d.default);
}

export function toDefinitionInput(d: DraftField): FieldDefinitionInput {
  const rules = rulesOf(d);
  return {
    apiId: rules.apiId,
    name: rules.name,
    kind: rules.kind,
    required: rules.required,
    unique: rules.unique,
    min: rules.min ?? null,
    max: rules.max ?? null,
    pattern: rules.pattern ?? null,
    options: [...rules.options],
    referenceType: rules.referenceType ?? null,
    mediaTypes: [...(rules.mediaTypes ?? [])],
    multiple: rules.multiple ?? false,
    default: defaultValue(d),
  };
}

/** The field as the preview's form shows it, under its stable key. */
export function previewDefinition(d: DraftField): FieldDefinition {
  return {
    ...rulesOf(d, d.key),
    name: d.name.trim() || 'Untitled field',
    default: defaultValue(d),
  };
}

export interface Rename {
  from: string;
  to: string;
  /** A kind change too: values cannot move (the API refuses). */
  kindChanged: boolean;
}

export interface FieldChanges {
  renamed: Rename[];
  /** Saved fields no longer in the list. */
  removed: string[];
}

/** What a save renames and removes, against the saved api ids. */
export function fieldChanges(saved: readonly string[], drafts: readonly DraftField[]): FieldChanges {
  const renamed: Rename[] = [];
  for (const d of drafts) {
    if (d.savedApiId !== null && d.apiId.trim() !== d.savedApiId) {
      renamed.push({ from: d.savedApiId, to: d.apiId.trim(), kindChanged: d.kind !== d.savedKind });
    }
  }
  const kept = new Set(drafts.map((d) => d.savedApiId));
  return { renamed, removed: saved.filter((apiId) => !kept.has(apiId)) };
}

/** What happens to one field's values: moved to its new api id, or dropped. */
export type Choice = 'move' | 'drop';

/** The migration for the chosen fields. Renames whose values may move are
 * always sent (harmless without values); the rest of `affected` is dropped. */
export function migrationFor(
  changes: FieldChanges,
  affected: readonly string[],
  choices: Readonly<Record<string, Choice>>,
): FieldMigrationInput {
  const rename = changes.renamed
    .filter((r) => !r.kindChanged && choices[r.from] !== 'drop')
    .map(({ from, to }) => ({ from, to }));
  const moving = new Set(rename.map((r) => r.from));
  return { drop: affected.filter((apiId) => !moving.has(apiId)), rename };
}

/** The API's refusal to remove or rename fields that hold values. */
export interface ValuesHeld {
  /** Items holding values for any of the fields. */
  items: number;
  apiIds: string[];
}

const VALUES_HELD = /^(\d+) items? holds? values for (.+?); name them in migration\.drop or migration\.rename/;

/** Reads "N items hold values for x, y; name them in migration.drop …". */
export function parseValuesHeld(message: string): ValuesHeld | null {
  const match = VALUES_HELD.exec(message);
  if (!match) return null;
  return { items: Number(match[1]), apiIds: match[2]!.split(', ').filter(Boolean) };
}

/** The type's own inputs. */
export type DetailKey = 'name' | 'apiId' | 'description';

/** A failed save's errors, each where it belongs. */
export interface PlacedErrors {
  details: Partial<Record<DetailKey, string>>;
  /** By field key, then by the definition's property (`options`, `min`...). */
  fields: Record<string, Record<string, string>>;
  banner: string[];
  valuesHeld: ValuesHeld | null;
}

export const NO_ERRORS: PlacedErrors = { details: {}, fields: {}, banner: [], valuesHeld: null };

// `fields[2].options[1]` as the API names it; `fields.2.options` too.
const FIELD_PATH = /^fields(?:\[(\d+)\]|\.(\d+))(?:\.(\w+)(?:\[(\d+)\])?)?/;

/**
 * Sorts the API's errors: type inputs and field properties under their
 * control, the "values held" refusal for the migration dialog, the rest for
 * the banner. `submitted` is the list sent, with each field's key.
 */
export function placeErrors(
  error: unknown,
  submitted: readonly { key: string; input: FieldDefinitionInput }[],
  creating: boolean,
): PlacedErrors {
  const out: PlacedErrors = { details: {}, fields: {}, banner: [], valuesHeld: null };
  for (const e of apiErrors(error)) {
    const path = e.field;
    if (path === undefined) {
      // The only conflict a new type meets is an api id already taken.
      if (creating && e.code === 'CONFLICT') out.details.apiId ??= e.message;
      else out.banner.push(e.message);
      continue;
    }
    if (path === 'name' || path === 'apiId' || path === 'description') {
      out.details[path] ??= e.message;
      continue;
    }
    if (path === 'fields') {
      const held = parseValuesHeld(e.message);
      if (held) out.valuesHeld = held;
      else out.banner.push(`Fields ${e.message}`.replace(/\.?$/, '.'));
      continue;
    }
    const match = FIELD_PATH.exec(path);
    const index = match ? Number(match[1] ?? match[2]) : -1;
    const sent = submitted[index];
    if (!match || !sent) {
      out.banner.push(`${path}: ${e.message}`);
      continue;
    }
    const prop = match[3] ?? 'field';
    const item = match[4] === undefined ? undefined : Number(match[4]);
    const byProp = (out.fields[sent.key] ??= {});
    byProp[prop] ??= itemMessage(prop, item, sent.input, e.message);
  }
  return out;
}

/** A message about one option or file type names it. */
function itemMessage(prop: string, item: number | undefined, input: FieldDefinitionInput, message: string) {
  if (item === undefined) return message;
  if (prop === 'options') {
    const option = input.options?.[item];
    return option === undefined ? `Option ${item + 1} ${message}.` : `Option “${option}” ${message}.`;
  }
  if (prop === 'mediaTypes') {
    const type = input.mediaTypes?.[item];
    return type === undefined ? `File type ${item + 1} ${message}.` : `“${type}” ${message}.`;
  }
  return message;
}

/** Whether two states of the builder differ in anything a save would send. */
export function snapshot(details: Record<DetailKey, string>, drafts: readonly DraftField[]): string {
  return JSON.stringify({
    name: details.name,
    apiId: details.apiId,
    description: details.description,
    fields: drafts.map((d) => ({ saved: d.savedApiId, ...toDefinitionInput(d) })),
  });
}

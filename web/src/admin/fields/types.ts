// What the field-form generator works with: a type's field definitions (as
// the API describes them) and the form's values for them.
import type { FieldKind } from '../gql/graphql';

export type { FieldKind };

/** One custom field of a content type (`ContentType.fields`). */
export interface FieldDefinition {
  apiId: string;
  name: string;
  kind: FieldKind;
  required: boolean;
  min?: number | null;
  max?: number | null;
  pattern?: string | null;
  options: readonly string[];
  referenceType?: string | null;
  /** MEDIA: the file types allowed (`image/*`); empty allows any. */
  mediaTypes?: readonly string[];
  /** MEDIA: a list of files rather than one. */
  multiple?: boolean;
  default?: unknown;
  unique: boolean;
}

/**
 * A field's value while it is edited. Mostly the API's own value; JSON
 * fields hold their text (which may not parse yet) and an empty input is
 * `null`.
 */
export type FieldValue = string | number | boolean | readonly string[] | null;

export type FieldValues = Readonly<Record<string, FieldValue>>;

/** Messages by path, `fields.<apiId>` for custom fields (as the API names them). */
export type FieldErrors = Readonly<Record<string, string>>;

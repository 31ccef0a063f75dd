// Sorting the API's errors between the form's fields and the banner.
import type { EditorTypeFragment } from '../../../gql/graphql';
import { pathLabel } from './formState';

/** Paths the form shows next to a field. */
const FORM_PATHS = new Set([
  'title',
  'slug',
  'excerpt',
  'body',
  'categoryId',
  'tagIds',
  'locale',
  'seoTitle',
  'seoDescription',
  'canonicalUrl',
]);

function onForm(path: string, type: EditorTypeFragment): boolean {
  if (FORM_PATHS.has(path)) return true;
  const field = /^fields\.([^.[]+)/.exec(path)?.[1];
  return field !== undefined && type.fields.some((f) => f.apiId === field);
}

/** Errors the form cannot place (`fields` as a whole, `type`...), as sentences. */
export function unplacedErrors(errors: Record<string, string>, type: EditorTypeFragment): string[] {
  return Object.entries(errors)
    .filter(([path]) => !onForm(path, type))
    .map(([path, message]) => `${pathLabel(path, type)}: ${message}`);
}

/** The errors without the ones about `keys` (the user changed those fields). */
export function withoutPaths(errors: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (!keys.some((k) => path === k || path.startsWith(`${k}[`) || path.startsWith(`${k}.`))) out[path] = message;
  }
  return out;
}

// The editor's form as plain data: built from an item (or a type, for a new
// one), compared to tell whether it is dirty, and turned into the create or
// update input. Pure, so it can be tested without a page.
import { toApiFields, toFormValues, type FieldValues } from '../../../fields';
import type {
  BodyFormat,
  CreateContentInput,
  EditorContentFragment,
  EditorTypeFragment,
  UpdateContentInput,
} from '../../../gql/graphql';

export interface ContentForm {
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  bodyFormat: BodyFormat;
  categoryId: string | null;
  tagIds: readonly string[];
  locale: string;
  seoTitle: string;
  seoDescription: string;
  canonicalUrl: string;
  noIndex: boolean;
  fields: FieldValues;
}

export function formFromContent(item: EditorContentFragment): ContentForm {
  return {
    title: item.title,
    slug: item.slug,
    excerpt: item.excerpt,
    body: item.body,
    bodyFormat: item.bodyFormat,
    categoryId: item.category?.id ?? null,
    tagIds: item.tags.map((t) => t.id),
    locale: item.locale,
    seoTitle: item.seoTitle,
    seoDescription: item.seoDescription,
    canonicalUrl: item.canonicalUrl ?? '',
    noIndex: item.noIndex,
    fields: toFormValues(item.type.fields, item.fields),
  };
}

export function formForType(type: EditorTypeFragment): ContentForm {
  return {
    title: '',
    slug: '',
    excerpt: '',
    body: '',
    bodyFormat: 'RICH_TEXT',
    categoryId: null,
    tagIds: [],
    locale: 'en',
    seoTitle: '',
    seoDescription: '',
    canonicalUrl: '',
    noIndex: false,
    // Defaults fill the fields, as the API would.
    fields: toFormValues(type.fields, {}),
  };
}

/** Whether two forms hold the same values (key order aside). */
export function sameForm(a: ContentForm, b: ContentForm): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}

function common(form: ContentForm, type: EditorTypeFragment) {
  return {
    title: form.title,
    excerpt: form.excerpt,
    body: form.body,
    bodyFormat: form.bodyFormat,
    categoryId: form.categoryId,
    tagIds: [...form.tagIds],
    locale: form.locale.trim(),
    seoTitle: form.seoTitle,
    seoDescription: form.seoDescription,
    canonicalUrl: form.canonicalUrl.trim() === '' ? null : form.canonicalUrl.trim(),
    noIndex: form.noIndex,
    fields: toApiFields(type.fields, form.fields),
  };
}

export function toCreateInput(form: ContentForm, type: EditorTypeFragment): CreateContentInput {
  const slug = form.slug.trim();
  // No slug: the API makes one from the title.
  return { ...common(form, type), type: type.apiId, ...(slug ? { slug } : {}) };
}

/**
 * The update for `form`, sending only what differs from `baseline` (the
 * values the edit started from): re-saved over someone else's newer version
 * ("keep mine"), their changes to the fields this edit left alone survive.
 * Custom fields go as one object (the API replaces them whole).
 */
export function toUpdateInput(
  form: ContentForm,
  type: EditorTypeFragment,
  id: string,
  expectedVersion: number,
  baseline?: ContentForm,
): UpdateContentInput {
  const mine = { ...common(form, type), slug: form.slug.trim() };
  if (!baseline) return { ...mine, id, expectedVersion };
  const base = { ...common(baseline, type), slug: baseline.slug.trim() };
  const changed: Partial<typeof mine> = {};
  for (const key of Object.keys(mine) as (keyof typeof mine)[]) {
    if (stableJson(mine[key]) !== stableJson(base[key])) Object.assign(changed, { [key]: mine[key] });
  }
  return { ...changed, id, expectedVersion };
}

/** Labels for the paths the API names (`seoTitle` → "SEO title"). */
export function pathLabel(path: string, type: EditorTypeFragment | undefined): string {
  const field = /^fields\.([^.[]+)/.exec(path)?.[1];
  if (field) return type?.fields.find((f) => f.apiId === field)?.name ?? field;
  return PATH_LABELS[path] ?? path;
}

const PATH_LABELS: Record<string, string> = {
  title: 'Title',
  slug: 'Slug',
  excerpt: 'Excerpt',
  body: 'Body',
  bodyFormat: 'Body format',
  categoryId: 'Category',
  category: 'Category',
  tagIds: 'Tags',
  tags: 'Tags',
  locale: 'Locale',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  canonicalUrl: 'Canonical URL',
  noIndex: 'Hide from search engines',
};

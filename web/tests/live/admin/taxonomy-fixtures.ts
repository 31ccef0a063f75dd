// What the taxonomy test sets up through the API before the browser opens,
// and how it reads the result back. The demo seed already holds a category
// tree (News › World, ...) and a few tags, so these names avoid its slugs.
import { EDITOR, PASSWORD, bearer, must } from './fixtures';

export interface TaxonomyIds {
  continents: string;
  europe: string;
  sport: string;
  tags: Record<(typeof TAGS)[number], string>;
}

/** Tags to rename (a typo), merge (three spellings of one) and delete. */
export const TAGS = ['Opinon', 'Long read', 'Longread', 'Longform', 'Obsolete'] as const;

export interface ApiCategory {
  id: string;
  name: string;
  parentId: string | null;
  itemCount: number;
}

export interface ApiTag {
  id: string;
  name: string;
  slug: string;
  usageCount: number;
}

async function category(
  url: string,
  auth: Record<string, string>,
  name: string,
  parentId: string | null = null,
): Promise<string> {
  const data = await must(
    url,
    `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { category { id } } }`,
    { input: { name, parentId } },
    auth,
  );
  return data.createCategory.category.id;
}

async function article(
  url: string,
  auth: Record<string, string>,
  title: string,
  categoryId: string | null,
  tagIds: string[],
): Promise<void> {
  await must(
    url,
    `mutation ($input: CreateContentInput!) { createContent(input: $input) { content { id } } }`,
    { input: { type: 'article', title, categoryId, tagIds } },
    auth,
  );
}

/**
 * Continents › Europe and Sport; the tags; and articles that use them:
 * Europe holds two items, "Long read" is on two, its other spellings on one
 * each (one of them shared), "Obsolete" on one.
 */
export async function prepareTaxonomy(url: string): Promise<TaxonomyIds> {
  const editor = await bearer(url, EDITOR, PASSWORD);
  const continents = await category(url, editor, 'Continents');
  const europe = await category(url, editor, 'Europe', continents);
  const sport = await category(url, editor, 'Sport');
  const tags = {} as TaxonomyIds['tags'];
  for (const name of TAGS) {
    const data = await must(
      url,
      `mutation ($input: TagInput!) { createTag(input: $input) { tag { id } } }`,
      { input: { name } },
      editor,
    );
    tags[name] = data.createTag.tag.id;
  }
  await article(url, editor, 'Rail across the Alps', europe, [tags['Long read'], tags.Longread]);
  await article(url, editor, 'The Baltic in winter', europe, [tags['Long read']]);
  await article(url, editor, 'Notes on a marathon', sport, [tags.Longform, tags.Obsolete]);
  await article(url, editor, 'A view from the stands', null, [tags.Opinon]);
  return { continents, europe, sport, tags };
}

/** Every category as the API has it now. */
export async function apiCategories(url: string): Promise<ApiCategory[]> {
  const editor = await bearer(url, EDITOR, PASSWORD);
  const data = await must(url, `{ categories { id name parentId itemCount } }`, {}, editor);
  return data.categories;
}

/** Every tag as the API has it now. */
export async function apiTags(url: string): Promise<ApiTag[]> {
  const editor = await bearer(url, EDITOR, PASSWORD);
  const data = await must(url, `{ tags { id name slug usageCount } }`, {}, editor);
  return data.tags;
}

/** The tags' names on an item found by title. */
export async function tagsOf(url: string, title: string): Promise<string[]> {
  const editor = await bearer(url, EDITOR, PASSWORD);
  const data = await must(
    url,
    `query ($filter: ContentFilterInput) { contents(filter: $filter, first: 5) { nodes { title tags { name } } } }`,
    { filter: { text: title } },
    editor,
  );
  const item = data.contents.nodes.find((n: { title: string }) => n.title === title);
  if (!item) throw new Error(`no item titled ${title}`);
  return item.tags.map((t: { name: string }) => t.name).sort();
}

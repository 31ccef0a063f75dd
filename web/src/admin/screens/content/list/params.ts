// The list's whole view (filters, sort, page) lives in the URL's search
// params, so a link, a reload or back/forward shows the same view. This
// module is the one translation between those params and the API's
// `ContentFilterInput`/`ContentOrderBy`.
import { parseDate, type CalendarDate } from '@internationalized/date';

import type {
  ContentFilterInput,
  ContentOrderBy,
  ContentOrderField,
  OrderDirection,
} from '../../../gql/graphql';

export const PAGE_SIZE = 50;

export interface DateRange {
  start: CalendarDate;
  end: CalendarDate;
}

export interface ListView {
  text: string;
  status: string[];
  authors: string[];
  mine: boolean;
  category: string | null;
  tags: string[];
  created: DateRange | null;
  updated: DateRange | null;
  published: DateRange | null;
  /** `null`: either. */
  scheduled: boolean | null;
  trashed: boolean;
  sort: ContentOrderField;
  direction: OrderDirection;
  after: string | null;
  before: string | null;
}

const SORT_FIELDS: readonly ContentOrderField[] = [
  'TITLE',
  'UPDATED_AT',
  'CREATED_AT',
  'PUBLISHED_AT',
];
export const DEFAULT_SORT: ContentOrderField = 'UPDATED_AT';

const DATE_KEYS = { created: 'created', updated: 'updated', published: 'published' } as const;

/** `2026-01-01..2026-01-31` → a range; anything malformed is ignored. */
function parseRange(value: string | null): DateRange | null {
  if (!value) return null;
  const [from, to] = value.split('..');
  if (!from || !to) return null;
  try {
    const start = parseDate(from);
    const end = parseDate(to);
    return start.compare(end) <= 0 ? { start, end } : { start: end, end: start };
  } catch {
    return null;
  }
}

function formatRange(range: DateRange): string {
  return `${range.start.toString()}..${range.end.toString()}`;
}

/** Ids from a URL are user input: keep only what looks like a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ids = (values: string[]) => values.filter((v) => UUID.test(v));
const STATUS = /^[A-Z][A-Z_]{1,31}$/;

export function readView(params: URLSearchParams): ListView {
  const sort = params.get('sort');
  const category = params.get('category');
  const scheduled = params.get('scheduled');
  return {
    text: params.get('q') ?? '',
    status: params.getAll('status').filter((s) => STATUS.test(s)),
    authors: ids(params.getAll('author')),
    mine: params.get('mine') === '1',
    category: category && UUID.test(category) ? category : null,
    tags: ids(params.getAll('tag')),
    created: parseRange(params.get(DATE_KEYS.created)),
    updated: parseRange(params.get(DATE_KEYS.updated)),
    published: parseRange(params.get(DATE_KEYS.published)),
    scheduled: scheduled === 'yes' ? true : scheduled === 'no' ? false : null,
    trashed: params.get('trashed') === '1',
    sort: SORT_FIELDS.find((f) => f === sort) ?? DEFAULT_SORT,
    direction: params.get('dir') === 'ASC' ? 'ASC' : 'DESC',
    after: params.get('after'),
    before: params.get('after') ? null : params.get('before'),
  };
}

export function writeView(view: ListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.text.trim()) params.set('q', view.text.trim());
  for (const s of view.status) params.append('status', s);
  for (const a of view.authors) params.append('author', a);
  if (view.mine) params.set('mine', '1');
  if (view.category) params.set('category', view.category);
  for (const t of view.tags) params.append('tag', t);
  if (view.created) params.set(DATE_KEYS.created, formatRange(view.created));
  if (view.updated) params.set(DATE_KEYS.updated, formatRange(view.updated));
  if (view.published) params.set(DATE_KEYS.published, formatRange(view.published));
  if (view.scheduled !== null) params.set('scheduled', view.scheduled ? 'yes' : 'no');
  if (view.trashed) params.set('trashed', '1');
  if (view.sort !== DEFAULT_SORT) params.set('sort', view.sort);
  if (view.direction !== 'DESC') params.set('dir', view.direction);
  if (view.after) params.set('after', view.after);
  else if (view.before) params.set('before', view.before);
  return params;
}

/** Whether any filter narrows the list (sort and page do not count). */
export function hasFilters(view: ListView): boolean {
  return (
    view.text.trim() !== '' ||
    view.status.length > 0 ||
    view.authors.length > 0 ||
    view.mine ||
    view.category !== null ||
    view.tags.length > 0 ||
    view.created !== null ||
    view.updated !== null ||
    view.published !== null ||
    view.scheduled !== null ||
    view.trashed
  );
}

/** The same view with no filters (sort and trash kept, back to the first page). */
export function clearFilters(view: ListView): ListView {
  return {
    ...readView(new URLSearchParams()),
    trashed: view.trashed,
    sort: view.sort,
    direction: view.direction,
  };
}

/** Day ranges are whole days in the user's time zone; `before` is exclusive. */
function bounds(range: DateRange | null, timeZone: string) {
  if (!range) return { after: undefined, before: undefined };
  return {
    after: range.start.toDate(timeZone).toISOString(),
    before: range.end.add({ days: 1 }).toDate(timeZone).toISOString(),
  };
}

export function toFilter(
  view: ListView,
  type: string | undefined,
  meId: string | undefined,
  timeZone: string,
): ContentFilterInput {
  const created = bounds(view.created, timeZone);
  const updated = bounds(view.updated, timeZone);
  const published = bounds(view.published, timeZone);
  const authorIds = view.mine && meId ? [meId] : view.authors;
  return {
    types: type ? [type] : undefined,
    text: view.text.trim() || undefined,
    status: view.status.length ? view.status : undefined,
    authorIds: authorIds.length ? authorIds : undefined,
    categoryId: view.category ?? undefined,
    tagsAny: view.tags.length ? view.tags : undefined,
    createdAfter: created.after,
    createdBefore: created.before,
    updatedAfter: updated.after,
    updatedBefore: updated.before,
    publishedAfter: published.after,
    publishedBefore: published.before,
    scheduled: view.scheduled ?? undefined,
    trashed: view.trashed,
  };
}

export function toOrderBy(view: ListView): ContentOrderBy {
  return { field: view.sort, direction: view.direction };
}

/** The paging variables: forward by `after`, backward by `before`. */
export function toPage(view: ListView) {
  return view.before
    ? { last: PAGE_SIZE, before: view.before }
    : { first: PAGE_SIZE, after: view.after ?? undefined };
}

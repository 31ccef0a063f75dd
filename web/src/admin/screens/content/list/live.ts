// Whether a live event could change which rows the current view holds.
// The server owns the real filter; the client only checks what it can see
// in the row's fields, and answers "maybe" (true) where it cannot tell, so
// a change is never silently missed — the user gets a refresh button.
import type { ContentFilterInput, ContentListRowFragment } from '../../../gql/graphql';

export type Row = ContentListRowFragment;

function within(at: string | null, after?: string | null, before?: string | null): boolean {
  if (!after && !before) return true;
  if (!at) return false;
  const t = Date.parse(at);
  if (after && t < Date.parse(after)) return false;
  if (before && t >= Date.parse(before)) return false;
  return true;
}

/** Could this item be in the view? False only when a visible field rules it out. */
export function mayMatch(row: Row, filter: ContentFilterInput): boolean {
  if (filter.types?.length && !filter.types.includes(row.type.apiId)) return false;
  if (Boolean(filter.trashed) !== (row.deletedAt !== null)) return false;
  if (filter.status?.length && !filter.status.includes(row.status)) return false;
  if (filter.authorIds?.length && !filter.authorIds.includes(row.author?.id ?? '')) return false;
  if (filter.tagsAny?.length && !row.tags.some((t) => filter.tagsAny?.includes(t.id))) return false;
  if (filter.scheduled !== undefined && filter.scheduled !== null) {
    const scheduled = row.publishAt !== null || row.unpublishAt !== null;
    if (scheduled !== filter.scheduled) return false;
  }
  if (!within(row.createdAt, filter.createdAfter, filter.createdBefore)) return false;
  if (!within(row.updatedAt, filter.updatedAfter, filter.updatedBefore)) return false;
  if (!within(row.publishedAt, filter.publishedAfter, filter.publishedBefore)) return false;
  // `text` also searches the excerpt and `categoryId` includes descendants:
  // neither can be ruled out from the row, so they count as a maybe.
  return true;
}

export interface LiveEvent {
  kind: string;
  contentId: string | null;
  content: Row | null;
}

/**
 * What an event means for the page on screen: `update` (a row on screen
 * changed in place), `stale` (rows may have come or gone: offer a
 * refresh), or `ignore`.
 */
export function classify(
  event: LiveEvent,
  onPage: ReadonlySet<string>,
  filter: ContentFilterInput,
): { update: boolean; stale: boolean } {
  const id = event.content?.id ?? event.contentId;
  const shown = id !== null && onPage.has(id);
  const membership =
    event.kind === 'CREATED' || event.kind === 'DELETED' || event.kind === 'RESTORED';
  if (!event.content) {
    // No longer visible to us: it leaves the page if it was on it.
    return { update: false, stale: shown };
  }
  const matches = mayMatch(event.content, filter);
  if (shown) return { update: true, stale: membership || !matches };
  return { update: false, stale: matches };
}

// The content list's pure logic: URL ⇄ view ⇄ API filter, the actions a
// selection shares, bulk reports, and what a live event means for a page.
import { describe, expect, it } from 'vitest';

import { commonActions, runEach, summarize } from '../../src/admin/screens/content/list/bulk';
import { classify, mayMatch, type Row } from '../../src/admin/screens/content/list/live';
import {
  hasFilters,
  readView,
  toFilter,
  toPage,
  writeView,
} from '../../src/admin/screens/content/list/params';

const ID = '0b8f6a8e-3f7a-4c59-9d0e-1a2b3c4d5e6f';
const ME = '11111111-2222-4333-8444-555555555555';

function row(patch: Partial<Row> = {}): Row {
  return {
    __typename: 'Content',
    id: ID,
    title: 'Hello',
    status: 'DRAFT',
    isLive: false,
    version: 1,
    workingVersion: 1,
    createdAt: '2026-01-10T10:00:00Z',
    updatedAt: '2026-01-11T10:00:00Z',
    publishedAt: null,
    publishAt: null,
    unpublishAt: null,
    deletedAt: null,
    type: { __typename: 'ContentType', id: 't', apiId: 'article', name: 'Article' },
    author: { __typename: 'User', id: ME, displayName: 'Me' },
    category: null,
    tags: [],
    availableActions: [],
    ...patch,
  };
}

const action = (name: string, commentRequired = false) => ({
  __typename: 'WorkflowAction' as const,
  action: name,
  toStatus: 'X',
  commentRequired,
  goesLive: false,
  takesDown: false,
});

describe('the view in the URL', () => {
  it('round-trips every filter, the sort and the cursor', () => {
    const query =
      'q=rust&status=DRAFT&status=IN_REVIEW&author=' +
      ID +
      '&category=' +
      ID +
      '&tag=' +
      ID +
      '&created=2026-01-01..2026-01-31&scheduled=yes&trashed=1&sort=TITLE&dir=ASC&after=abc';
    const view = readView(new URLSearchParams(query));
    expect(view.status).toEqual(['DRAFT', 'IN_REVIEW']);
    expect(view.created?.start.toString()).toBe('2026-01-01');
    expect(view.sort).toBe('TITLE');
    expect(readView(writeView(view))).toEqual(view);
    expect(hasFilters(view)).toBe(true);
  });

  it('drops what a hand-edited URL gets wrong', () => {
    const view = readView(
      new URLSearchParams('status=drop table&author=nope&created=2026-13-45..x&sort=ID&category=1'),
    );
    expect(view.status).toEqual([]);
    expect(view.authors).toEqual([]);
    expect(view.created).toBeNull();
    expect(view.sort).toBe('UPDATED_AT');
    expect(view.category).toBeNull();
    expect(hasFilters(view)).toBe(false);
  });

  it('turns day ranges into whole days in the time zone, end exclusive', () => {
    const view = readView(new URLSearchParams('updated=2026-03-01..2026-03-02&mine=1'));
    const filter = toFilter(view, 'article', ME, 'Europe/Paris');
    expect(filter.updatedAfter).toBe('2026-02-28T23:00:00.000Z');
    expect(filter.updatedBefore).toBe('2026-03-02T23:00:00.000Z');
    expect(filter.authorIds).toEqual([ME]);
    expect(filter.types).toEqual(['article']);
    expect(filter.trashed).toBe(false);
  });

  it('pages forward by after and backward by before', () => {
    expect(toPage(readView(new URLSearchParams('after=x')))).toEqual({ first: 50, after: 'x' });
    expect(toPage(readView(new URLSearchParams('before=y')))).toEqual({ last: 50, before: 'y' });
  });
});

describe('bulk actions', () => {
  it('offers only the actions every selected row has, needing a comment if any does', () => {
    const rows = [
      row({ availableActions: [action('publish'), action('request_changes'), action('archive')] }),
      row({ availableActions: [action('request_changes', true), action('archive')] }),
    ];
    expect(commonActions(rows).map((a) => [a.action, a.commentRequired])).toEqual([
      ['request_changes', true],
      ['archive', false],
    ]);
    expect(commonActions([])).toEqual([]);
  });

  it('reports each item', async () => {
    const rows = [row({ title: 'A' }), row({ title: 'B' }), row({ title: 'C' })];
    const outcomes = await runEach(rows, async (r) => {
      if (r.title === 'B') throw new Error('not allowed');
    });
    expect(summarize('Publish', outcomes)).toBe('Publish: 2 done, 1 failed — “B”: not allowed.');
  });
});

describe('live events', () => {
  const filter = toFilter(
    readView(new URLSearchParams('status=DRAFT')),
    'article',
    undefined,
    'UTC',
  );

  it('updates a row on the page in place while it still matches', () => {
    const effect = classify(
      { kind: 'UPDATED', contentId: ID, content: row() },
      new Set([ID]),
      filter,
    );
    expect(effect).toEqual({ update: true, stale: false });
  });

  it('offers a refresh when a row leaves the view or a new one may enter', () => {
    const leaving = row({ status: 'IN_REVIEW' });
    expect(
      classify({ kind: 'STATUS_CHANGED', contentId: ID, content: leaving }, new Set([ID]), filter),
    ).toEqual({ update: true, stale: true });
    expect(
      classify({ kind: 'CREATED', contentId: ID, content: row() }, new Set(), filter).stale,
    ).toBe(true);
    expect(
      classify({ kind: 'DELETED', contentId: ID, content: null }, new Set([ID]), filter).stale,
    ).toBe(true);
    expect(
      classify({ kind: 'UPDATED', contentId: ID, content: leaving }, new Set(), filter).stale,
    ).toBe(false);
  });

  it('rules out only what the row shows', () => {
    expect(mayMatch(row({ deletedAt: '2026-01-01T00:00:00Z' }), filter)).toBe(false);
    expect(
      mayMatch(
        row({ type: { __typename: 'ContentType', id: 'p', apiId: 'page', name: 'Page' } }),
        filter,
      ),
    ).toBe(false);
    expect(mayMatch(row(), { ...filter, text: 'anything', categoryId: ID })).toBe(true);
  });
});

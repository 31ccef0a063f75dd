// The content list (`/admin/content`, `/admin/content/:type`): filters,
// sort and keyset paging from the URL, chosen columns, bulk workflow
// actions, and rows that follow `contentEvents` live.
import '../../styles/list.css';

import { useQuery } from '@apollo/client/react';
import { getLocalTimeZone } from '@internationalized/date';
import { useCallback, useMemo, useState } from 'react';
import type { Selection } from 'react-aria-components';
import { useParams } from 'react-router';

import { ContentListFacetsQuery, ContentListQuery } from '../../api/content-list';
import type { ContentOrderField, OrderDirection } from '../../gql/graphql';
import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button, ButtonLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Notice } from '../../ui/States';
import { BulkToolbar } from './list/BulkToolbar';
import type { Outcome } from './list/bulk';
import { ColumnMenu } from './list/ColumnMenu';
import { useColumns } from './list/columns';
import { ContentTable } from './list/ContentTable';
import { Filters } from './list/Filters';
import { ListSkeleton } from './list/ListSkeleton';
import type { Row } from './list/live';
import { Pager } from './list/Pager';
import { clearFilters, hasFilters, toFilter, toOrderBy, toPage, writeView } from './list/params';
import { markDataArrived } from './list/perf';
import { useListView } from './list/useListView';
import { useLiveRows } from './list/useLiveRows';

const NO_ROWS: readonly Row[] = [];

export default function ContentList() {
  const { type } = useParams();
  const session = useSession();
  const { view, update } = useListView();
  const { columns, setColumns } = useColumns();
  const facets = useQuery(ContentListFacetsQuery);
  const typeInfo = facets.data?.contentTypes.find((t) => t.apiId === type);
  const unknownType = type !== undefined && facets.data !== undefined && typeInfo === undefined;

  const timeZone = useMemo(() => getLocalTimeZone(), []);
  const filter = useMemo(
    () => toFilter(view, type, session.me?.id, timeZone),
    [view, type, session.me?.id, timeZone],
  );
  const variables = useMemo(
    () => ({ filter, orderBy: toOrderBy(view), ...toPage(view) }),
    [filter, view],
  );
  const list = useQuery(ContentListQuery, { variables, skip: unknownType });
  // While the next page loads, the last one stays on screen (dimmed).
  const contents = (list.data ?? list.previousData)?.contents;
  const fresh = list.data?.contents;
  if (fresh) markDataArrived(fresh);
  const rows = contents?.nodes ?? NO_ROWS;

  const viewKey = `${type ?? ''}?${writeView(view).toString()}`;
  const onPage = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const live = useLiveRows(type, onPage, filter, viewKey);

  const [selected, setSelected] = useState<Selection>(() => new Set());
  const [selectionKey, setSelectionKey] = useState(viewKey);
  const [summary, setSummary] = useState<{ text: string; failed: boolean }>();
  if (selectionKey !== viewKey) {
    // A new view is new rows: the old selection and report no longer apply.
    setSelectionKey(viewKey);
    setSelected(new Set());
    setSummary(undefined);
  }
  const selectedRows = useMemo(
    () => (selected === 'all' ? rows : rows.filter((r) => selected.has(r.id))),
    [rows, selected],
  );

  const mayTrash =
    !view.trashed &&
    selectedRows.every(
      (r) =>
        session.can('content.delete_any') ||
        (session.can('content.delete_own') && r.author !== null && r.author.id === session.me?.id),
    );

  const { refetch } = list;
  const refresh = useCallback(() => {
    live.clearStale();
    void refetch();
  }, [live, refetch]);

  const onSort = useCallback(
    (sort: ContentOrderField, direction: OrderDirection) => update({ sort, direction }),
    [update],
  );

  const onBulkDone = (text: string, outcomes: Outcome[], trashed: boolean) => {
    setSummary({ text, failed: outcomes.some((o) => o.error !== undefined) });
    setSelected(new Set());
    // Trashed items leave this view: show the page without them.
    if (trashed) refresh();
  };

  const statusKey = [...new Set(rows.map((r) => r.status))].sort().join(',');
  // Keyed by content, so the (memoised) filters re-render only when the set changes.
  const seenStatuses = useMemo(() => (statusKey ? statusKey.split(',') : []), [statusKey]);
  const typeName = typeInfo?.name ?? type;
  const title = type ? (typeName ?? type) : 'All content';
  const newLink =
    type && typeInfo && session.can('content.create') ? (
      <ButtonLink variant="primary" href={`/admin/content/${type}/new`}>
        New {typeInfo.name.toLowerCase()}
      </ButtonLink>
    ) : null;

  // Filters other than the trash switch (the trash is a place, not a filter).
  const narrowed = hasFilters({ ...view, trashed: false });
  const count = contents
    ? `${contents.totalCount} ${contents.totalCount === 1 ? 'item' : 'items'}`
    : '';
  const subtitle = contents
    ? `${count}${view.trashed ? ' in the trash' : ''}${narrowed ? ' match the filters' : ''}`
    : undefined;
  const paged = view.after !== null || view.before !== null;

  return (
    <Page
      title={title}
      subtitle={subtitle}
      actions={
        <>
          <ColumnMenu columns={columns} onChange={setColumns} />
          {newLink}
        </>
      }
    >
      <div className="content-list">
        <Filters view={view} update={update} active={narrowed} seenStatuses={seenStatuses} />

        <div className="list-status-bar">
          {live.staleCount > 0 ? (
            <Button size="sm" className="list-refresh" onPress={refresh}>
              {live.staleCount} {live.staleCount === 1 ? 'change' : 'changes'} — refresh
            </Button>
          ) : null}
          {summary ? (
            <div className="list-summary">
              <Notice tone={summary.failed ? 'warning' : 'success'}>{summary.text}</Notice>
            </div>
          ) : null}
        </div>

        {selectedRows.length > 0 ? (
          <BulkToolbar
            rows={selectedRows}
            mayTrash={mayTrash}
            onDone={onBulkDone}
            onClear={() => setSelected(new Set())}
          />
        ) : null}

        {unknownType ? (
          <EmptyState title={`There is no content type “${type}”.`}>
            <ButtonLink href="/admin/content">All content</ButtonLink>
          </EmptyState>
        ) : list.error && !contents ? (
          <>
            <ErrorState message={errorMessage(list.error)} onRetry={() => void refetch()} />
            {paged ? (
              // A cursor from an old link (or another sort) cannot be retried.
              <div className="list-first-page">
                <Button
                  size="sm"
                  onPress={() => update({ after: null, before: null }, { keepPage: true })}
                >
                  Go to the first page
                </Button>
              </div>
            ) : null}
          </>
        ) : !contents ? (
          <ListSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState
            title={
              narrowed
                ? 'Nothing matches these filters.'
                : view.trashed
                  ? 'The trash is empty.'
                  : `No ${type ? (typeName ?? type).toLowerCase() : 'content'} yet.`
            }
          >
            {narrowed ? (
              <Button size="sm" onPress={() => update(clearFilters(view))}>
                Clear filters
              </Button>
            ) : view.trashed ? (
              <Button size="sm" onPress={() => update({ trashed: false })}>
                Leave the trash
              </Button>
            ) : (
              newLink
            )}
          </EmptyState>
        ) : (
          <div
            className="list-body"
            aria-busy={list.loading}
            data-loading={list.loading && !fresh ? true : undefined}
          >
            {list.error ? <Notice tone="danger">{errorMessage(list.error)}</Notice> : null}
            <ContentTable
              page={contents}
              rows={rows}
              columns={columns}
              sort={view.sort}
              direction={view.direction}
              onSort={onSort}
              selected={selected}
              onSelectedChange={setSelected}
              highlighted={live.highlighted}
              label={title}
              hideType={type !== undefined}
            />
          </div>
        )}

        {contents && !unknownType ? (
          <Pager
            hasPrevious={contents.pageInfo.hasPreviousPage}
            hasNext={contents.pageInfo.hasNextPage}
            paged={paged}
            isDisabled={list.loading && !fresh}
            onFirst={() => update({ after: null, before: null }, { keepPage: true })}
            onPrevious={() =>
              update({ before: contents.pageInfo.startCursor, after: null }, { keepPage: true })
            }
            onNext={() =>
              update({ after: contents.pageInfo.endCursor, before: null }, { keepPage: true })
            }
          />
        ) : null}
      </div>
    </Page>
  );
}

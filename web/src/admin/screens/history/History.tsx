// An item's history (`/admin/items/:id/history`): its versions (paged),
// the diff of any two (by default the previous against the latest), and
// restoring one as a new draft.
import '../../styles/history.css';

import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useParams } from 'react-router';

import { errorCode, errorMessage } from '../../api/errors';
import { HistoryDiffQuery, HistoryItemQuery, HistoryVersionsQuery } from '../../api/history';
import { Button, ButtonLink, TextLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { DiffView, type DiffLayout } from './DiffView';
import { RestoreDialog } from './RestoreDialog';
import { VersionSelect } from './VersionSelect';
import { VersionTable } from './VersionTable';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Diff({ contentId, from, to }: { contentId: string; from: number; to: number }) {
  const [layout, setLayout] = useState<DiffLayout>('inline');
  const { data, error, loading, refetch } = useQuery(HistoryDiffQuery, {
    variables: { contentId, from, to },
  });
  let body;
  if (!data && loading) body = <Skeleton lines={5} label="Loading changes" />;
  else if (error && !data)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else if (!data || data.contentDiff.changes.length === 0)
    body = (
      <EmptyState title="No content changes">
        Versions {from} and {to} have the same content. Workflow steps such as submitting or
        approving make a version without changing it.
      </EmptyState>
    );
  else body = <DiffView changes={data.contentDiff.changes} layout={layout} />;
  return (
    <>
      <ToggleButtonGroup
        aria-label="Diff layout"
        className="diff-layout"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[layout]}
        onSelectionChange={(keys) => {
          const next = [...keys][0];
          if (next === 'inline' || next === 'split') setLayout(next);
        }}
      >
        <ToggleButton id="inline" className="btn btn-sm btn-secondary">
          Inline
        </ToggleButton>
        <ToggleButton id="split" className="btn btn-sm btn-secondary">
          Side by side
        </ToggleButton>
      </ToggleButtonGroup>
      <div aria-live="polite" aria-busy={loading}>
        {body}
      </div>
    </>
  );
}

export default function History() {
  const { id = '' } = useParams();
  // A malformed address names no item: say so instead of asking the API.
  const validId = UUID.test(id);
  const item = useQuery(HistoryItemQuery, { variables: { id }, skip: !validId });
  const versions = useQuery(HistoryVersionsQuery, {
    variables: { contentId: id, first: PAGE_SIZE },
    skip: !validId,
  });
  const [pair, setPair] = useState<{ from: number; to: number }>();
  const [restoring, setRestoring] = useState<number>();
  const [loadingMore, setLoadingMore] = useState(false);

  const list = versions.data?.contentVersions.nodes ?? [];
  const latest = item.data?.content?.workingVersion ?? list[0]?.version;
  const defaultPair =
    latest !== undefined && latest > 1 ? { from: latest - 1, to: latest } : undefined;
  const shown = pair ?? defaultPair;
  const title = item.data?.content?.title.trim() || 'Untitled';
  const pageInfo = versions.data?.contentVersions.pageInfo;
  const count = item.data?.content?.versionCount;
  const subtitle = item.data?.content
    ? `${item.data.content.type.name}${count ? ` · ${count} version${count === 1 ? '' : 's'}` : ''}`
    : undefined;

  const loadMore = () => {
    if (!pageInfo?.endCursor) return;
    setLoadingMore(true);
    void versions
      .fetchMore({
        variables: { after: pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...fetchMoreResult,
          contentVersions: {
            ...fetchMoreResult.contentVersions,
            nodes: [
              ...(previous?.contentVersions.nodes ?? []),
              ...fetchMoreResult.contentVersions.nodes,
            ],
          },
        }),
      })
      .catch(() => undefined)
      .finally(() => setLoadingMore(false));
  };

  if (item.error && !item.data) {
    return (
      <Page title="History">
        <ErrorState message={errorMessage(item.error)} onRetry={() => void item.refetch()} />
      </Page>
    );
  }
  if (!validId || (item.data && !item.data.content)) {
    return (
      <Page title="History">
        <EmptyState title="Item not found">
          It may have been deleted, or you may not see it.{' '}
          <TextLink href="/admin/content">All content</TextLink>
        </EmptyState>
      </Page>
    );
  }

  let versionsBody;
  if (!versions.data && versions.loading)
    versionsBody = <Skeleton lines={6} label="Loading versions" />;
  else if (versions.error && !versions.data)
    versionsBody = (
      <ErrorState
        message={
          errorCode(versions.error) === 'FORBIDDEN'
            ? 'You may not see this item’s versions.'
            : errorMessage(versions.error)
        }
        onRetry={() => void versions.refetch()}
      />
    );
  else if (list.length === 0) versionsBody = <EmptyState title="No versions yet" />;
  else
    versionsBody = (
      <>
        <VersionTable
          versions={list}
          latest={latest}
          selected={shown}
          onCompare={(v) => setPair({ from: v - 1, to: v })}
          onRestore={setRestoring}
        />
        {pageInfo?.hasNextPage ? (
          <div className="history-more">
            <Button onPress={loadMore} isPending={loadingMore}>
              Load older versions
            </Button>
          </div>
        ) : null}
      </>
    );

  let compareBody;
  if (!versions.data)
    compareBody = versions.error ? (
      <p className="history-hint">The versions could not be loaded.</p>
    ) : (
      <Skeleton lines={4} label="Loading changes" />
    );
  else if (list.length < 2)
    compareBody = (
      <EmptyState title="Only one version">Changes appear here once the item is edited.</EmptyState>
    );
  else
    compareBody = (
      <>
        <div className="history-pickers">
          <VersionSelect
            label="From"
            versions={list}
            value={shown?.from}
            onChange={(from) => setPair({ from, to: shown?.to ?? latest ?? from })}
          />
          <VersionSelect
            label="To"
            versions={list}
            value={shown?.to}
            onChange={(to) => setPair({ from: shown?.from ?? to, to })}
          />
        </div>
        {shown && shown.from !== shown.to ? (
          <Diff contentId={id} from={shown.from} to={shown.to} />
        ) : (
          <p className="history-hint">Choose two different versions to compare.</p>
        )}
      </>
    );

  return (
    <Page
      title={item.data ? `History: ${title}` : 'History'}
      subtitle={subtitle}
      actions={
        <ButtonLink href={`/admin/items/${id}`} variant="secondary">
          Back to the editor
        </ButtonLink>
      }
    >
      <div className="history-layout">
        <section className="card history-compare" aria-labelledby="history-compare-title">
          <h2 id="history-compare-title">Compare versions</h2>
          {compareBody}
        </section>
        <section className="card" aria-labelledby="history-versions-title">
          <h2 id="history-versions-title">Versions</h2>
          {versionsBody}
        </section>
      </div>
      <RestoreDialog contentId={id} version={restoring} onClose={() => setRestoring(undefined)} />
    </Page>
  );
}

// The content editor, for a new item (`/admin/content/:type/new`) or an
// existing one (`/admin/items/:id`): loads what the form needs, shows the
// loading, missing and failed states, then hands over to an editing session.
import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';

import { EditorItemQuery, EditorTypeQuery } from '../../api/editor';
import { errorMessage } from '../../api/errors';
import '../../styles/editor.css';
import { ButtonLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { EditorSession } from './editor/EditorSession';

export default function ContentEditor() {
  const { id, type } = useParams();
  // A malformed id cannot name an item: say so without asking the server.
  if (id) return UUID.test(id) ? <EditItem key={id} id={id} /> : <ItemNotFound />;
  return <NewItem key={type} typeApiId={type ?? ''} />;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ItemNotFound() {
  return (
    <Page title="Item not found">
      <EmptyState title="This item does not exist, or you may not see it.">
        <ButtonLink href="/admin/content">Back to content</ButtonLink>
      </EmptyState>
    </Page>
  );
}

function EditItem({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(EditorItemQuery, {
    variables: { id },
    // Start from the server's latest; later, the cache (kept live) is fine.
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const item = data?.content;
  if (item) return <EditorSession type={item.type} item={item} />;
  if (loading) return <Loading />;
  if (error)
    return (
      <Page title="Edit item">
        <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />
      </Page>
    );
  return <ItemNotFound />;
}

function NewItem({ typeApiId }: { typeApiId: string }) {
  const { data, loading, error, refetch } = useQuery(EditorTypeQuery, {
    variables: { apiId: typeApiId },
  });
  const type = data?.contentType;
  if (type) return <EditorSession type={type} />;
  if (loading) return <Loading />;
  if (error)
    return (
      <Page title="New item">
        <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />
      </Page>
    );
  return (
    <Page title="Content type not found">
      <EmptyState title={`There is no content type “${typeApiId}”.`}>
        <ButtonLink href="/admin/content">Back to content</ButtonLink>
      </EmptyState>
    </Page>
  );
}

function Loading() {
  return (
    <Page title="Loading…">
      <div className="editor-layout">
        <div className="card editor-main">
          <Skeleton lines={8} label="Loading the item" />
        </div>
        <div className="editor-side">
          <div className="card editor-panel">
            <Skeleton lines={3} label="Loading workflow" />
          </div>
        </div>
      </div>
    </Page>
  );
}

// The content type builder (`/admin/types/new`, `/admin/types/:apiId`):
// loads the saved type, shows the loading, missing and failed states, then
// hands over to a building session.
import '../../styles/editor.css';
import '../../styles/types.css';

import { useQuery } from '@apollo/client/react';
import { useLocation, useParams } from 'react-router';

import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { ButtonLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { BuilderSession } from './BuilderSession';
import { NotAllowed } from './NotAllowed';
import { TypesBuilderQuery } from './operations';

export default function TypeBuilder() {
  const { apiId } = useParams();
  const session = useSession();
  if (!session.can('content_types.manage')) return <NotAllowed />;
  return apiId ? <EditType key={apiId} apiId={apiId} /> : <BuilderSession key="new" />;
}

function EditType({ apiId }: { apiId: string }) {
  const location = useLocation();
  const state: unknown = location.state;
  const notice =
    typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string'
      ? state.notice
      : undefined;
  const { data, loading, error, refetch } = useQuery(TypesBuilderQuery, {
    variables: { apiId },
    // Build on the server's latest, not on what the cache last saw.
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const type = data?.contentType;
  if (type) return <BuilderSession type={type} notice={notice} />;
  if (loading) {
    return (
      <Page title="Loading…">
        <div className="card">
          <Skeleton lines={8} label="Loading the content type" />
        </div>
      </Page>
    );
  }
  if (error) {
    return (
      <Page title="Content type">
        <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />
      </Page>
    );
  }
  return (
    <Page title="Content type not found">
      <EmptyState title={`There is no content type “${apiId}”.`}>
        <ButtonLink href="/admin/types">All content types</ButtonLink>
      </EmptyState>
    </Page>
  );
}

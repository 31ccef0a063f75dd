// The content types (`/admin/types`): each with its fields and workflow,
// linking to its builder and its items.
import '../../styles/types.css';

import { useQuery } from '@apollo/client/react';

import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { ButtonLink, TextLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { RelativeTime } from '../../ui/Time';
import { NotAllowed } from './NotAllowed';
import { TypesListQuery } from './operations';

export default function TypeList() {
  const session = useSession();
  const { data, loading, error, refetch } = useQuery(TypesListQuery, { fetchPolicy: 'cache-and-network' });
  if (!session.can('content_types.manage')) return <NotAllowed />;
  const types = [...(data?.contentTypes ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Page
      title="Content types"
      subtitle="What each kind of item holds: its fields and their rules."
      actions={
        <ButtonLink href="/admin/types/new" variant="primary">
          New content type
        </ButtonLink>
      }
    >
      {data === undefined && loading ? (
        <div className="card">
          <Skeleton lines={5} label="Loading content types" />
        </div>
      ) : data === undefined && error ? (
        <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />
      ) : types.length === 0 ? (
        <EmptyState title="No content types yet">
          <p>A content type says what its items hold. Create one to start writing.</p>
          <ButtonLink href="/admin/types/new" variant="primary">
            New content type
          </ButtonLink>
        </EmptyState>
      ) : (
        <div className="tb-table-scroll">
          <table className="table tb-table">
            <caption className="visually-hidden">Content types</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">API id</th>
                <th scope="col">Fields</th>
                <th scope="col">Workflow</th>
                <th scope="col">Changed</th>
                <th scope="col">
                  <span className="visually-hidden">Items</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {types.map((t) => (
                <tr key={t.id}>
                  <td>
                    <TextLink href={`/admin/types/${t.apiId}`}>{t.name}</TextLink>
                    {t.builtIn ? <span className="badge tb-badge-builtin">Built in</span> : null}
                    {t.description ? <p className="tb-table-description">{t.description}</p> : null}
                  </td>
                  <td>
                    <code className="tb-code">{t.apiId}</code>
                  </td>
                  <td>{t.fields.length}</td>
                  <td>{t.workflow}</td>
                  <td>
                    <RelativeTime iso={t.updatedAt} />
                  </td>
                  <td>
                    <TextLink href={`/admin/content/${t.apiId}`} aria-label={`${t.name} items`}>
                      Items
                    </TextLink>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

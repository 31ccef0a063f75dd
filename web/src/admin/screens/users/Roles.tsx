// The roles (`/admin/roles`), read-only as the API is: each role's rank and
// purpose, then a matrix of which role holds which permission.
import '../../styles/users.css';

import { useQuery } from '@apollo/client/react';
import { Fragment, useMemo } from 'react';

import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { TextLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { RolesQuery } from './operations';

/** Permissions grouped by what they are about (`content.publish` → `content`). */
function groupPermissions(names: Iterable<string>): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const name of [...new Set(names)].sort()) {
    const area = name.split('.')[0] ?? name;
    groups.set(area, [...(groups.get(area) ?? []), name]);
  }
  return [...groups];
}

/** `content_types` → "Content types". */
function areaLabel(area: string): string {
  if (area === 'api_keys') return 'API keys';
  const words = area.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export default function Roles() {
  const session = useSession();
  const mayRead = session.can('users.read');
  const query = useQuery(RolesQuery, { skip: !mayRead });
  const roles = useMemo(
    () => [...(query.data?.roles ?? [])].sort((a, b) => a.level - b.level),
    [query.data],
  );
  const groups = useMemo(() => groupPermissions(roles.flatMap((r) => r.permissions)), [roles]);
  const granted = useMemo(() => roles.map((r) => new Set(r.permissions)), [roles]);

  if (!mayRead) {
    return (
      <Page title="Roles">
        <Notice tone="warning">Seeing roles needs the users.read permission.</Notice>
      </Page>
    );
  }
  return (
    <Page
      title="Roles"
      subtitle="A higher level outranks a lower one: managers give and change only roles below their own."
    >
      {query.error && !query.data ? (
        <ErrorState message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Skeleton lines={6} label="Loading roles" />
      ) : roles.length === 0 ? (
        <EmptyState title="There are no roles." />
      ) : (
        <div className="roles">
          <ul className="roles-cards" aria-label="Roles by level">
            {roles.map((role) => {
              const mine = role.id === session.me?.role.id;
              return (
                <li key={role.id} className="card roles-card" data-mine={mine ? true : undefined}>
                  <h2>
                    {role.name}
                    <span className="roles-level">level {role.level}</span>
                  </h2>
                  <p>{role.description || 'No description.'}</p>
                  <p>
                    {role.permissions.length}{' '}
                    {role.permissions.length === 1 ? 'permission' : 'permissions'}
                    {mine ? ' · your role' : ''}
                  </p>
                  <TextLink href={`/admin/users?role=${encodeURIComponent(role.name)}`}>
                    Users with this role
                  </TextLink>
                </li>
              );
            })}
          </ul>

          <div className="roles-matrix-scroll">
            <table className="table roles-matrix">
              <caption className="visually-hidden">Permissions of each role</caption>
              <thead>
                <tr>
                  <th scope="col">Permission</th>
                  {roles.map((role) => (
                    <th key={role.id} scope="col">
                      {role.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups.map(([area, names]) => (
                  <Fragment key={area}>
                    <tr className="roles-group">
                      <th scope="colgroup" colSpan={roles.length + 1}>
                        {areaLabel(area)}
                      </th>
                    </tr>
                    {names.map((name) => (
                      <tr key={name}>
                        <th scope="row">{name}</th>
                        {roles.map((role, i) =>
                          granted[i]?.has(name) ? (
                            <td key={role.id}>
                              <span className="roles-yes" aria-hidden="true">
                                ✓
                              </span>
                              <span className="visually-hidden">granted</span>
                            </td>
                          ) : (
                            <td key={role.id}>
                              <span className="roles-no" aria-hidden="true">
                                –
                              </span>
                              <span className="visually-hidden">not granted</span>
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Page>
  );
}

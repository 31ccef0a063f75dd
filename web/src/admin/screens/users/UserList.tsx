// The users list (`/admin/users`): search, role and status filters and the
// keyset page, all in the URL.
import '../../styles/list.css';
import '../../styles/users.css';

import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';

import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button, TextLink } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { SearchFilter } from '../../ui/SearchFilter';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { RelativeTime } from '../../ui/Time';
import { pageVariables, useUrlView } from '../../ui/useUrlView';
import { SingleSelect, type Option } from '../content/list/FilterSelect';
import { Pager } from '../content/list/Pager';
import { InviteUser, type Invited } from './InviteUser';
import { RolesQuery, UserListQuery } from './operations';
import {
  hasUserFilters,
  readUsersView,
  toUserFilter,
  writeUsersView,
  type UsersView,
} from './view';

const PAGE_SIZE = 25;

const STATUSES: Option[] = [
  { id: 'active', name: 'Active' },
  { id: 'deactivated', name: 'Deactivated' },
];

const CLEARED: Partial<UsersView> = { text: '', role: null, active: null };

export default function UserList() {
  const session = useSession();
  const { view, update } = useUrlView(readUsersView, writeUsersView);
  const mayRead = session.can('users.read');
  const roles = useQuery(RolesQuery, { skip: !mayRead });
  const variables = useMemo(
    () => ({ filter: toUserFilter(view), ...pageVariables(view, PAGE_SIZE) }),
    [view],
  );
  const list = useQuery(UserListQuery, { variables, skip: !mayRead });
  const [invited, setInvited] = useState<Invited>();
  // While the next page loads, the last one stays on screen (dimmed).
  const users = (list.data ?? list.previousData)?.users;
  const fresh = list.data?.users;

  const roleOptions = useMemo<Option[]>(
    () => (roles.data?.roles ?? []).map((r) => ({ id: r.name, name: r.name })),
    [roles.data],
  );
  const narrowed = hasUserFilters(view);
  const paged = view.after !== null || view.before !== null;
  const subtitle = users
    ? `${users.totalCount} ${users.totalCount === 1 ? 'user' : 'users'}${narrowed ? ' match the filters' : ''}`
    : undefined;

  if (!mayRead) {
    return (
      <Page title="Users">
        <Notice tone="warning">Seeing user accounts needs the users.read permission.</Notice>
      </Page>
    );
  }

  return (
    <Page title="Users" subtitle={subtitle} actions={<InviteUser onInvited={setInvited} />}>
      <div className="users">
        {invited ? (
          <Notice tone="success">
            Invitation sent to {invited.email}: the link in it sets their password.{' '}
            <TextLink href={`/admin/users/${invited.id}`}>
              Open {invited.displayName}’s account
            </TextLink>
          </Notice>
        ) : null}
        <div className="list-filters" role="search" aria-label="Filter users">
          <div className="list-filter-row">
            <SearchFilter
              value={view.text}
              placeholder="Name or email"
              onChange={(text) => update({ text }, { replace: true })}
            />
            <SingleSelect
              label="Role"
              placeholder="Any role"
              options={roleOptions}
              value={view.role}
              onChange={(role) => update({ role })}
            />
            <SingleSelect
              label="Status"
              placeholder="Any status"
              options={STATUSES}
              value={view.active === null ? null : view.active ? 'active' : 'deactivated'}
              onChange={(status) =>
                update({ active: status === null ? null : status === 'active' })
              }
            />
            <span className="list-spacer" />
            {narrowed ? (
              <Button size="sm" variant="ghost" onPress={() => update(CLEARED)}>
                Clear filters
              </Button>
            ) : null}
          </div>
        </div>

        {list.error && !users ? (
          <>
            <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
            {paged ? (
              // A cursor from an old link cannot be retried.
              <Button size="sm" onPress={() => update({})}>
                Go to the first page
              </Button>
            ) : null}
          </>
        ) : !users ? (
          <Skeleton lines={6} label="Loading users" />
        ) : users.nodes.length === 0 ? (
          <EmptyState title={narrowed ? 'No user matches these filters.' : 'No users yet.'}>
            {narrowed ? (
              <Button size="sm" onPress={() => update(CLEARED)}>
                Clear filters
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <div
            className="users-table-scroll"
            aria-busy={list.loading}
            data-loading={list.loading && !fresh ? true : undefined}
          >
            {list.error ? <Notice tone="danger">{errorMessage(list.error)}</Notice> : null}
            <table className="table users-table" aria-label="Users">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                {users.nodes.map((user) => (
                  <tr key={user.id} data-inactive={user.active ? undefined : true}>
                    <th scope="row" className="users-name">
                      <TextLink href={`/admin/users/${user.id}`}>{user.displayName}</TextLink>
                      {user.id === session.me?.id ? (
                        <span className="users-you"> (you)</span>
                      ) : null}
                    </th>
                    <td className="users-email">{user.email}</td>
                    <td>
                      <span className="badge">{user.role.name}</span>
                    </td>
                    <td>
                      <span
                        className={`users-status users-status-${user.active ? 'active' : 'off'}`}
                      >
                        {user.active ? 'Active' : 'Deactivated'}
                      </span>
                    </td>
                    <td>
                      {user.lastSignInAt ? (
                        <RelativeTime iso={user.lastSignInAt} />
                      ) : (
                        <span className="users-muted">Never</span>
                      )}
                    </td>
                    <td>
                      <RelativeTime iso={user.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {users ? (
          <Pager
            hasPrevious={users.pageInfo.hasPreviousPage}
            hasNext={users.pageInfo.hasNextPage}
            paged={paged}
            isDisabled={list.loading && !fresh}
            onFirst={() => update({})}
            onPrevious={() =>
              update({ before: users.pageInfo.startCursor, after: null }, { keepPage: true })
            }
            onNext={() =>
              update({ after: users.pageInfo.endCursor, before: null }, { keepPage: true })
            }
          />
        ) : null}
      </div>
    </Page>
  );
}

// One user (`/admin/users/:id`): the account's facts for holders of
// `users.read`; for managers who outrank the user, changing their role
// (only to roles below the manager's own), deactivating or reactivating
// them, resetting their two-factor authentication (when it is on) and
// signing out their sessions, each confirmed first where it signs the user
// out.
import '../../styles/users.css';

import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';

import { errorCode, errorMessage, fieldErrors } from '../../api/errors';
import type { UserDetailQuery as UserDetailResult } from '../../gql/graphql';
import { MeDocument, useSession } from '../../session/session';
import { ActionDialog } from '../../ui/ActionDialog';
import { Button, ButtonLink, TextLink } from '../../ui/Button';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Page } from '../../ui/Page';
import { Select } from '../../ui/Select';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { RelativeTime } from '../../ui/Time';
import {
  ResetUserTwoFactorMutation,
  RolesQuery,
  UpdateUserMutation,
  UserDetailQuery,
  UserSessionsQuery,
} from './operations';
import { SUPERADMIN, grantableRoles, manageBlock, manageBlockText } from './rank';
import { UserSessions } from './UserSessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type User = NonNullable<UserDetailResult['user']>;

export default function UserDetail() {
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const detail = useQuery(UserDetailQuery, { variables: { id }, skip: !valid });
  const user = detail.data?.user;

  if (!valid || (detail.data && !user)) {
    return (
      <Page title="User not found">
        <EmptyState title="There is no such user.">
          <ButtonLink href="/admin/users">All users</ButtonLink>
        </EmptyState>
      </Page>
    );
  }
  if (!user) {
    return (
      <Page title="User">
        {detail.error ? (
          <ErrorState message={errorMessage(detail.error)} onRetry={() => void detail.refetch()} />
        ) : (
          <Skeleton lines={6} label="Loading the user" />
        )}
      </Page>
    );
  }
  return (
    <Page
      title={user.displayName}
      subtitle={user.email}
      actions={
        <ButtonLink href="/admin/users" variant="ghost">
          All users
        </ButtonLink>
      }
    >
      <div className="user-detail">
        <div className="user-column">
          <AccountCard user={user} />
          <SessionsCard user={user} />
        </div>
        <ManageCard user={user} />
      </div>
    </Page>
  );
}

function AccountCard({ user }: { user: User }) {
  const session = useSession();
  return (
    <section className="card user-panel" aria-labelledby="user-account">
      <h2 id="user-account">Account</h2>
      <dl className="user-facts">
        <dt>Email</dt>
        <dd>
          {user.email}{' '}
          <span className="users-muted">
            {user.emailVerified ? '(verified)' : '(not verified)'}
          </span>
        </dd>
        <dt>Role</dt>
        <dd>
          <span className="badge">{user.role.name}</span>
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`users-status users-status-${user.active ? 'active' : 'off'}`}>
            {user.active ? 'Active' : 'Deactivated'}
          </span>
        </dd>
        <dt>Two-factor</dt>
        <dd>
          <span className={`users-status users-status-${user.twoFactorEnabled ? 'active' : 'off'}`}>
            {user.twoFactorEnabled ? 'On' : 'Off'}
          </span>
        </dd>
        <dt>Last sign-in</dt>
        <dd>
          {user.lastSignInAt ? <RelativeTime iso={user.lastSignInAt} showAbsolute /> : 'Never'}
        </dd>
        <dt>Joined</dt>
        <dd>
          <RelativeTime iso={user.createdAt} showAbsolute />
        </dd>
        <dt>Last changed</dt>
        <dd>
          <RelativeTime iso={user.updatedAt} showAbsolute />
        </dd>
      </dl>
      {session.can('audit.read') ? (
        <div className="user-links">
          <TextLink href={`/admin/audit?actor=${user.id}`}>What they did (audit log)</TextLink>
          <TextLink href={`/admin/audit?targetType=user&targetId=${user.id}`}>
            Changes to this account
          </TextLink>
        </div>
      ) : null}
    </section>
  );
}

/** The user's sessions, for managers who outrank them (the API shows no one else). */
function SessionsCard({ user }: { user: User }) {
  const session = useSession();
  const me = session.me;
  if (!me || manageBlock(me, session.can('users.manage'), user) !== null) return null;
  return <UserSessions userId={user.id} name={user.displayName} />;
}

/** What the caller may change; nothing at all for those without `users.manage`. */
function ManageCard({ user }: { user: User }) {
  const session = useSession();
  const [refusal, setRefusal] = useState<unknown>();
  const me = session.me;
  if (!me) return null;
  const block = manageBlock(me, session.can('users.manage'), user);
  if (block === 'no-permission') return null;
  return (
    <section className="card user-panel" aria-labelledby="user-manage">
      <h2 id="user-manage">Manage</h2>
      {/* Kept here, not beside the control: a refusal can show that the caller
          no longer outranks the user, and then the controls go away. */}
      <FormErrorBanner error={refusal} fields={['role']} />
      {block ? (
        <>
          <Notice>{manageBlockText(block)}</Notice>
          {block === 'self' ? <TextLink href="/admin/account">Go to My account</TextLink> : null}
        </>
      ) : (
        <ManageActions user={user} refusal={refusal} onRefusal={setRefusal} />
      )}
    </section>
  );
}

function ManageActions({
  user,
  refusal,
  onRefusal,
}: {
  user: User;
  /** The API's last refusal here (shown by the card). */
  refusal: unknown;
  onRefusal(error: unknown): void;
}) {
  const apollo = useApolloClient();
  /** What the last action did, said once it succeeded. */
  const [done, setDone] = useState<string>();
  // What the open dialog confirms, fixed when it opens: the user's status
  // changes under it once the action succeeds.
  const [confirming, setConfirming] = useState<'deactivate' | 'reactivate' | 'two-factor'>();
  const activating = confirming === 'reactivate';
  const [update] = useMutation(UpdateUserMutation);
  const [resetTwoFactor] = useMutation(ResetUserTwoFactorMutation, {
    // The answer says only "ok": the user's page learns "off" from here.
    update(cache) {
      cache.modify({
        id: cache.identify({ __typename: 'User', id: user.id }),
        fields: { twoFactorEnabled: () => false },
      });
    },
  });

  // A refusal means a rank or the user changed since this page loaded (another
  // manager at work): show what is true now, beside the API's message.
  const refused = (error: unknown) => {
    onRefusal(error);
    const code = errorCode(error);
    if (code === 'FORBIDDEN' || code === 'CONFLICT' || code === 'NOT_FOUND') {
      void apollo.refetchQueries({ include: [MeDocument, UserDetailQuery] });
    }
  };
  const guarded = async (action: () => Promise<unknown>) => {
    onRefusal(undefined);
    try {
      await action();
      // Each of these signs the user out everywhere.
      void apollo.refetchQueries({ include: [UserSessionsQuery] });
    } catch (error) {
      refused(error);
      throw error;
    }
  };

  return (
    <>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <RoleAction
        user={user}
        fieldError={fieldErrors(refusal).role}
        onStart={() => {
          setDone(undefined);
          onRefusal(undefined);
        }}
        onDone={setDone}
        onRefused={refused}
      />

      <div className="user-action">
        <h3>{user.active ? 'Deactivate' : 'Reactivate'}</h3>
        <p>
          {user.active
            ? 'A deactivated user is signed out everywhere at once and cannot sign in. What they wrote stays.'
            : 'This account is deactivated: they cannot sign in until it is reactivated.'}
        </p>
        <div>
          <Button
            size="sm"
            variant={user.active ? 'danger' : 'secondary'}
            onPress={() => setConfirming(user.active ? 'deactivate' : 'reactivate')}
          >
            {user.active ? 'Deactivate…' : 'Reactivate…'}
          </Button>
        </div>
      </div>

      {/* Off, there is nothing to reset (the Account card says it is off). */}
      {user.twoFactorEnabled ? (
        <div className="user-action">
          <h3>Two-factor authentication</h3>
          <p>
            For someone who lost their authenticator: turns their two-factor authentication off and
            signs them out everywhere. They sign in with their password alone and can set it up
            again.
          </p>
          <div>
            <Button size="sm" onPress={() => setConfirming('two-factor')}>
              Reset two-factor…
            </Button>
          </div>
        </div>
      ) : null}

      <ActionDialog
        title={`${activating ? 'Reactivate' : 'Deactivate'} ${user.displayName}?`}
        submitLabel={activating ? 'Reactivate' : 'Deactivate'}
        danger={!activating}
        alert
        isOpen={confirming === 'deactivate' || confirming === 'reactivate'}
        onClose={() => setConfirming(undefined)}
        run={() =>
          guarded(async () => {
            await update({ variables: { input: { id: user.id, active: activating } } });
            setDone(
              activating
                ? `${user.displayName} can sign in again.`
                : `${user.displayName} is deactivated and was signed out everywhere.`,
            );
          })
        }
      >
        <p>
          {activating
            ? `${user.displayName} can sign in again, with the role ${user.role.name}.`
            : `${user.displayName} is signed out of every session at once and cannot sign in until someone reactivates the account.`}
        </p>
      </ActionDialog>

      <ActionDialog
        title={`Reset ${user.displayName}'s two-factor authentication?`}
        submitLabel="Reset two-factor"
        danger
        isOpen={confirming === 'two-factor'}
        onClose={() => setConfirming(undefined)}
        run={() =>
          guarded(async () => {
            await resetTwoFactor({ variables: { input: { userId: user.id } } });
            setDone(
              `${user.displayName}'s two-factor authentication is off, and they were signed out everywhere.`,
            );
          })
        }
      >
        <p>
          Their authenticator and backup codes stop working, every session they have is signed out,
          and they are told by email.
        </p>
      </ActionDialog>
    </>
  );
}

function RoleAction({
  user,
  fieldError,
  onStart,
  onDone,
  onRefused,
}: {
  user: User;
  /** The API's message about the role field, if it named it. */
  fieldError: string | undefined;
  onStart(): void;
  onDone(text: string): void;
  onRefused(error: unknown): void;
}) {
  const session = useSession();
  const roles = useQuery(RolesQuery);
  const [update, { loading }] = useMutation(UpdateUserMutation);
  const [choice, setChoice] = useState<string | null>(null);
  const me = session.me;
  const grantable = me ? grantableRoles(roles.data?.roles ?? [], me.role) : [];
  // A choice the caller may no longer grant (their rank was just refreshed) is dropped.
  const chosen = choice && grantable.some((r) => r.name === choice) ? choice : user.role.name;
  const items = grantable.map((r) => ({ id: r.name, name: r.name }));

  const submit = async () => {
    onStart();
    try {
      await update({ variables: { input: { id: user.id, role: chosen } } });
      setChoice(null);
      onDone(`${user.displayName} is now ${chosen}.`);
    } catch (failure) {
      onRefused(failure);
    }
  };

  return (
    <div className="user-action">
      <h3>Role</h3>
      <p>
        {me?.role.name === SUPERADMIN
          ? 'As a SUPERADMIN you can give any role.'
          : 'You can give the roles below your own.'}{' '}
        <TextLink href="/admin/roles">What each role may do</TextLink>
      </p>
      {roles.error ? <Notice tone="danger">{errorMessage(roles.error)}</Notice> : null}
      <Form
        className="user-role-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Select
          className="field user-select"
          label="New role"
          items={items}
          value={chosen}
          onChange={(key) => setChoice(key === null ? null : String(key))}
          error={fieldError}
        />
        <Button
          type="submit"
          variant="primary"
          isPending={loading}
          isDisabled={chosen === user.role.name}
        >
          Change role
        </Button>
      </Form>
    </div>
  );
}

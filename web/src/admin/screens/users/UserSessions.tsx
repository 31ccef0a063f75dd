// A user's live sessions, for a manager who outranks them: where and when
// each signed in, and signing one out (that browser is signed out at once).
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';

import { errorMessage } from '../../api/errors';
import type { UserSessionsQuery as UserSessionsData } from '../../gql/graphql';
import { ActionDialog } from '../../ui/ActionDialog';
import { Button } from '../../ui/Button';
import { ErrorState, Skeleton } from '../../ui/States';
import { RelativeTime } from '../../ui/Time';
import { describeUserAgent } from '../account/user-agent';
import { RevokeUserSessionMutation, UserSessionsQuery } from './operations';

type Session = NonNullable<UserSessionsData['user']>['sessions'][number];

export function UserSessions({ userId, name }: { userId: string; name: string }) {
  const query = useQuery(UserSessionsQuery, { variables: { id: userId } });
  const [revoke] = useMutation(RevokeUserSessionMutation);
  const [pending, setPending] = useState<Session>();
  const sessions = query.data?.user?.sessions;

  return (
    <section className="card user-panel" aria-labelledby="user-sessions">
      <h2 id="user-sessions">Sessions</h2>
      {query.error && !sessions ? (
        <ErrorState message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
      ) : !sessions ? (
        <Skeleton lines={2} label="Loading sessions" />
      ) : sessions.length === 0 ? (
        <p className="users-muted">{name} is not signed in anywhere.</p>
      ) : (
        <ul className="user-sessions" aria-label={`${name}'s sessions`}>
          {sessions.map((s) => (
            <li key={s.id} className="user-session">
              <div className="user-session-info">
                <span className="user-session-agent" title={s.userAgent ?? undefined}>
                  {describeUserAgent(s.userAgent)}
                </span>
                <span className="user-session-meta">
                  {s.ip ?? 'Unknown IP'} · signed in <RelativeTime iso={s.createdAt} /> · last seen{' '}
                  <RelativeTime iso={s.lastSeenAt} />
                </span>
              </div>
              {s.current ? (
                // Signing out here is the account menu's job.
                <span className="users-muted">This browser</span>
              ) : (
                <Button
                  size="sm"
                  onPress={() => setPending(s)}
                  aria-label={`Sign out: ${describeUserAgent(s.userAgent)}, ${s.ip ?? 'unknown IP'}`}
                >
                  Sign out…
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionDialog
        title="Sign this session out?"
        submitLabel="Sign out"
        danger
        isOpen={pending !== undefined}
        onClose={() => setPending(undefined)}
        run={async () => {
          if (!pending) return;
          await revoke({ variables: { input: { id: pending.id } } });
          await query.refetch();
        }}
      >
        <p>
          {name}'s {describeUserAgent(pending?.userAgent)} session is signed out at once; they can
          sign in again with their password.
        </p>
      </ActionDialog>
    </section>
  );
}

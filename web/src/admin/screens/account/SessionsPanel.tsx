// The caller's live sessions, this one marked: any other can be signed out,
// and "sign out everywhere" ends them all, this one included.
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';

import { MySessionsQuery, RevokeSessionMutation, SignOutEverywhereMutation } from '../../api/account';
import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { ActionDialog } from '../../ui/ActionDialog';
import { Button } from '../../ui/Button';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { formatAbsolute, RelativeTime } from '../../ui/Time';
import { describeUserAgent } from './user-agent';

function SignOutEverywhere() {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [signOutEverywhere] = useMutation(SignOutEverywhereMutation);
  return (
    <>
      <Button variant="danger" onPress={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      <ActionDialog
        title="Sign out everywhere?"
        submitLabel="Sign out everywhere"
        danger
        isOpen={open}
        onClose={() => setOpen(false)}
        run={async () => {
          await signOutEverywhere();
          // This session is over too: leave the way "Sign out" does.
          await session.signOut();
        }}
      >
        <p>
          Every session of yours ends, this one included: on each device, you will need to sign
          in again.
        </p>
      </ActionDialog>
    </>
  );
}

export function SessionsPanel() {
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(MySessionsQuery, {
    fetchPolicy: 'cache-and-network',
  });
  const [revoke, revokeState] = useMutation(RevokeSessionMutation, {
    refetchQueries: [MySessionsQuery],
    awaitRefetchQueries: true,
  });
  const [revoking, setRevoking] = useState<string>();
  const [revoked, setRevoked] = useState<string>();

  const signOut = async (id: string, device: string) => {
    setRevoking(id);
    setRevoked(undefined);
    const result = await revoke({ variables: { input: { id } } }).catch(() => undefined);
    setRevoking(undefined);
    if (result?.data) setRevoked(device);
  };

  const sessions = data?.mySessions ?? [];
  let body;
  if (!data && loading) body = <Skeleton lines={3} label="Loading your sessions" />;
  else if (error && !data)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else if (sessions.length === 0)
    body = <EmptyState title="No open sessions" />;
  else
    body = (
      <div className="account-table-scroll">
        <table className="table sessions-table">
          <caption className="visually-hidden">Your sessions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Ends</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const device = describeUserAgent(s.userAgent);
              return (
                <tr key={s.id} className={s.current ? 'session-current' : undefined}>
                  <td>
                    <span title={s.userAgent ?? undefined}>{device}</span>
                    {s.current ? <span className="badge account-badge-on">This session</span> : null}
                  </td>
                  <td>{s.ip ?? '—'}</td>
                  <td>
                    <RelativeTime iso={s.createdAt} />
                  </td>
                  <td>
                    <RelativeTime iso={s.lastSeenAt} />
                  </td>
                  <td>
                    <RelativeTime iso={s.expiresAt} />
                  </td>
                  <td className="account-table-actions">
                    {s.current ? null : (
                      <Button
                        size="sm"
                        isPending={revoking === s.id}
                        aria-label={`Sign out ${device}, signed in ${formatAbsolute(s.createdAt)}`}
                        onPress={() => void signOut(s.id, device)}
                      >
                        Sign out
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="card account-panel" aria-labelledby={headingId}>
      <div className="account-panel-header">
        <h2 id={headingId}>Active sessions</h2>
        <SignOutEverywhere />
      </div>
      <p className="account-intro">
        Each browser or app you signed in with. Sign out any you do not recognise, then change
        your password.
      </p>
      <FormErrorBanner error={revokeState.error} />
      {revoked ? <Notice tone="success">{revoked} was signed out.</Notice> : null}
      {body}
    </section>
  );
}

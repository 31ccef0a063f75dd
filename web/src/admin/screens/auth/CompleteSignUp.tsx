// The page the welcome email links to (`/complete-sign-up?token=`): creates
// the account and signs it in.
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { Navigate, useSearchParams } from 'react-router';

import { CompleteSignUpMutation } from '../../api/auth';
import { errorMessage } from '../../api/errors';
import { useSession } from '../../session/session';
import { TextLink } from '../../ui/Button';
import { Notice, Skeleton } from '../../ui/States';
import { AuthCard } from './AuthCard';

export default function CompleteSignUp() {
  const session = useSession();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [complete, state] = useMutation(CompleteSignUpMutation);
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    void complete({ variables: { input: { token, cookies: true } } })
      .then(async (result) => {
        const expiresAt = result.data?.completeSignUp.expiresAt;
        if (expiresAt) await session.signedIn(expiresAt);
      })
      .catch(() => undefined);
  }, [token, complete, session]);

  if (session.status === 'signed-in') return <Navigate to="/admin" replace />;
  return (
    <AuthCard title="Creating your account">
      {!token ? (
        <Notice tone="danger">This link has no token.</Notice>
      ) : state.error ? (
        <Notice tone="danger">{errorMessage(state.error)}</Notice>
      ) : (
        <Skeleton lines={1} label="Creating your account" />
      )}
      <div className="auth-links">
        <TextLink href="/admin/sign-in">Sign in</TextLink>
      </div>
    </AuthCard>
  );
}

// The page the verification email links to (`/verify-email?token=`): it
// verifies on arrival, once.
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

import { VerifyEmailMutation } from '../../api/auth';
import { errorMessage } from '../../api/errors';
import { TextLink } from '../../ui/Button';
import { Notice, Skeleton } from '../../ui/States';
import { AuthCard } from './AuthCard';

export default function VerifyEmail() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [verify, state] = useMutation(VerifyEmailMutation);
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    void verify({ variables: { input: { token } } }).catch(() => undefined);
  }, [token, verify]);

  return (
    <AuthCard title="Verify your email">
      {!token ? (
        <Notice tone="danger">This link has no token.</Notice>
      ) : state.data?.verifyEmail.ok ? (
        <Notice tone="success">Your email address is verified.</Notice>
      ) : state.error ? (
        <Notice tone="danger">{errorMessage(state.error)}</Notice>
      ) : (
        <Skeleton lines={1} label="Verifying" />
      )}
      <div className="auth-links">
        <TextLink href="/admin">Go to Vellum</TextLink>
      </div>
    </AuthCard>
  );
}

// Sign-in: email and password, then the second factor when the account has
// one (a code from the authenticator, or a backup code).
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { Navigate, useSearchParams } from 'react-router';

import { SignInMutation, SignInPageQuery, VerifyTwoFactorMutation } from '../../api/auth';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button, TextLink } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Notice } from '../../ui/States';
import { EmailField } from './AccountFields';
import { AuthCard } from './AuthCard';

/** Only paths of this app may be returned to after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/admin') && !next.startsWith('//') ? next : '/admin';
}

export default function SignIn() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const page = useQuery(SignInPageQuery, { fetchPolicy: 'network-only' });
  const [signIn, signInState] = useMutation(SignInMutation);
  const [verify, verifyState] = useMutation(VerifyTwoFactorMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string>();
  const [code, setCode] = useState('');

  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  const submitPassword = async () => {
    const result = await signIn({
      variables: { input: { email, password, cookies: true } },
    }).catch(() => undefined);
    const payload = result?.data?.signIn;
    if (!payload) return;
    if (payload.twoFactorRequired && payload.challenge) {
      // A new challenge starts clean: the last one's code and verdict are stale.
      setCode('');
      verifyState.reset();
      setChallenge(payload.challenge);
    } else if (payload.expiresAt) {
      await session.signedIn(payload.expiresAt);
    }
  };

  const submitCode = async () => {
    if (!challenge) return;
    const result = await verify({
      variables: { input: { challenge, code: code.trim(), cookies: true } },
    }).catch(() => undefined);
    const expiresAt = result?.data?.verifyTwoFactor.expiresAt;
    if (expiresAt) await session.signedIn(expiresAt);
  };

  if (challenge) {
    const errors = fieldErrors(verifyState.error);
    return (
      <AuthCard title="Two-factor authentication">
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void submitCode();
          }}
        >
          <p>Enter the six-digit code from your authenticator app, or one of your backup codes.</p>
          <FormErrorBanner error={verifyState.error} fields={['code']} />
          <TextField
            label="Code"
            name="code"
            value={code}
            onChange={(value) => {
              setCode(value);
              // A shown error keeps the form from submitting until cleared.
              verifyState.reset();
            }}
            autoComplete="one-time-code"
            inputMode="numeric"
            isRequired
            autoFocus
            error={errors.code}
          />
          <Button type="submit" variant="primary" isPending={verifyState.loading}>
            Verify
          </Button>
          <Button variant="ghost" onPress={() => setChallenge(undefined)}>
            Back
          </Button>
        </Form>
      </AuthCard>
    );
  }

  const errors = fieldErrors(signInState.error);
  return (
    <AuthCard title="Sign in">
      {session.endedReason ? (
        <Notice tone="warning">{session.endedReason}</Notice>
      ) : null}
      {page.data?.setupRequired ? (
        <Notice>
          Vellum has no administrator yet. Open the setup link that <code>vellum serve</code> printed
          in its log.
        </Notice>
      ) : null}
      <Form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submitPassword();
        }}
      >
        <FormErrorBanner error={signInState.error} fields={['email', 'password']} />
        <EmailField
          value={email}
          onChange={setEmail}
          autoComplete="username"
          autoFocus
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          isRequired
          error={errors.password}
        />
        <Button type="submit" variant="primary" isPending={signInState.loading}>
          Sign in
        </Button>
      </Form>
      <div className="auth-links">
        <TextLink href="/forgot-password">Forgot your password?</TextLink>
        {page.data?.signUpOpen ? (
          <TextLink href="/admin/sign-up">Create an account</TextLink>
        ) : null}
      </div>
    </AuthCard>
  );
}

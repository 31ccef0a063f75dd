// First run: creates the first administrator with the one-time token that
// `vellum serve` prints while none exists (`/admin/setup?token=`).
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { Navigate, useSearchParams } from 'react-router';

import { CompleteSetupMutation } from '../../api/auth';
import { errorMessage, fieldErrors } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/States';
import { AuthCard } from './AuthCard';

export default function Setup() {
  const session = useSession();
  const [params] = useSearchParams();
  const [token, setToken] = useState(params.get('token') ?? '');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [setup, state] = useMutation(CompleteSetupMutation);
  const errors = fieldErrors(state.error);

  if (session.status === 'signed-in') return <Navigate to="/admin" replace />;

  return (
    <AuthCard title="Set up Vellum">
      <p>Create the first administrator account. The setup link works until an admin exists.</p>
      <Form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void setup({
            variables: { input: { token, email, displayName, password, cookies: true } },
          })
            .then(async (result) => {
              const expiresAt = result.data?.completeSetup.expiresAt;
              if (expiresAt) await session.signedIn(expiresAt);
            })
            .catch(() => undefined);
        }}
      >
        {state.error && Object.keys(errors).length === 0 ? (
          <Notice tone="danger">{errorMessage(state.error)}</Notice>
        ) : null}
        <TextField
          label="Setup token"
          name="token"
          value={token}
          onChange={setToken}
          description="From the link in the server's log."
          isRequired
          error={errors.token}
        />
        <TextField
          label="Your name"
          name="displayName"
          value={displayName}
          onChange={setDisplayName}
          autoComplete="name"
          isRequired
          autoFocus
          error={errors.displayName}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="username"
          isRequired
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          description="At least 10 characters."
          minLength={10}
          isRequired
          error={errors.password}
        />
        <Button type="submit" variant="primary" isPending={state.loading}>
          Create administrator
        </Button>
      </Form>
    </AuthCard>
  );
}

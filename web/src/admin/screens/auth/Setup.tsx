// First run: creates the first administrator with the one-time token that
// `vellum serve` prints while none exists (`/admin/setup?token=`).
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { Navigate, useSearchParams } from 'react-router';

import { CompleteSetupMutation } from '../../api/auth';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { EmailField, NameField, NewPasswordField } from './AccountFields';
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
        <FormErrorBanner error={state.error} />
        <TextField
          label="Setup token"
          name="token"
          value={token}
          onChange={setToken}
          description="From the link in the server's log."
          isRequired
          error={errors.token}
        />
        <NameField
          value={displayName}
          onChange={setDisplayName}
          autoFocus
          error={errors.displayName}
        />
        <EmailField value={email} onChange={setEmail} autoComplete="username" error={errors.email} />
        <NewPasswordField value={password} onChange={setPassword} error={errors.password} />
        <Button type="submit" variant="primary" isPending={state.loading}>
          Create administrator
        </Button>
      </Form>
    </AuthCard>
  );
}

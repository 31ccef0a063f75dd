// The page the reset email links to (`/reset-password?token=`).
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useSearchParams } from 'react-router';

import { ResetPasswordMutation } from '../../api/auth';
import { fieldErrors } from '../../api/errors';
import { Button, TextLink } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Notice } from '../../ui/States';
import { NewPasswordField } from './AccountFields';
import { AuthCard } from './AuthCard';

export default function ResetPassword() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [reset, state] = useMutation(ResetPasswordMutation);
  const errors = fieldErrors(state.error);
  const mismatch = confirm !== '' && confirm !== password;

  if (!token) {
    return (
      <AuthCard title="Choose a new password">
        <Notice tone="danger">This link has no token. Ask for a new one.</Notice>
        <div className="auth-links">
          <TextLink href="/forgot-password">Ask for a new link</TextLink>
        </div>
      </AuthCard>
    );
  }
  if (state.data) {
    return (
      <AuthCard title="Password changed">
        <Notice tone="success">Your password is changed and every session was signed out.</Notice>
        <div className="auth-links">
          <TextLink href="/admin/sign-in">Sign in</TextLink>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <Form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (mismatch) return;
          void reset({ variables: { input: { token, newPassword: password } } }).catch(
            () => undefined,
          );
        }}
      >
        <FormErrorBanner error={state.error} fields={['newPassword']} />
        <NewPasswordField
          label="New password"
          name="newPassword"
          value={password}
          onChange={setPassword}
          autoFocus
          error={errors.newPassword}
        />
        <TextField
          label="Repeat it"
          name="confirm"
          type="password"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          isRequired
          error={mismatch ? 'The two passwords differ.' : undefined}
        />
        <Button type="submit" variant="primary" isPending={state.loading}>
          Set password
        </Button>
      </Form>
    </AuthCard>
  );
}

// "Forgot password": asks for a reset link. The answer is the same whether or
// not the address has an account.
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';

import { RequestPasswordResetMutation } from '../../api/auth';
import { fieldErrors } from '../../api/errors';
import { Button, TextLink } from '../../ui/Button';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Notice } from '../../ui/States';
import { EmailField } from './AccountFields';
import { AuthCard } from './AuthCard';

export default function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [request, state] = useMutation(RequestPasswordResetMutation);
  const errors = fieldErrors(state.error);
  return (
    <AuthCard title="Reset your password">
      {state.data?.requestPasswordReset.ok ? (
        <Notice tone="success">
          If an account has the address {email}, a link to choose a new password is on its way. It
          works once, for an hour.
        </Notice>
      ) : (
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void request({ variables: { input: { email } } }).catch(() => undefined);
          }}
        >
          <FormErrorBanner error={state.error} fields={['email']} />
          <EmailField value={email} onChange={setEmail} autoFocus error={errors.email} />
          <Button type="submit" variant="primary" isPending={state.loading}>
            Email me a link
          </Button>
        </Form>
      )}
      <div className="auth-links">
        <TextLink href="/admin/sign-in">Back to sign-in</TextLink>
      </div>
    </AuthCard>
  );
}

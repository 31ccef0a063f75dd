// Sign-up (when the server allows it): the account is made when the link in
// the welcome email is followed (`/complete-sign-up?token=`).
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';

import { SignUpMutation } from '../../api/auth';
import { fieldErrors } from '../../api/errors';
import { Button, TextLink } from '../../ui/Button';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Notice } from '../../ui/States';
import { EmailField, NameField, NewPasswordField } from './AccountFields';
import { AuthCard } from './AuthCard';

export default function SignUp() {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [signUp, state] = useMutation(SignUpMutation);
  const errors = fieldErrors(state.error);
  return (
    <AuthCard title="Create an account">
      {state.data?.signUp.ok ? (
        <Notice tone="success">Check {email}: the link in the email creates your account.</Notice>
      ) : (
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void signUp({ variables: { input: { email, displayName, password } } }).catch(
              () => undefined,
            );
          }}
        >
          <FormErrorBanner error={state.error} />
          <NameField
            value={displayName}
            onChange={setDisplayName}
            autoFocus
            error={errors.displayName}
          />
          <EmailField value={email} onChange={setEmail} error={errors.email} />
          <NewPasswordField value={password} onChange={setPassword} error={errors.password} />
          <Button type="submit" variant="primary" isPending={state.loading}>
            Sign up
          </Button>
        </Form>
      )}
      <div className="auth-links">
        <TextLink href="/admin/sign-in">Already have an account? Sign in</TextLink>
      </div>
    </AuthCard>
  );
}

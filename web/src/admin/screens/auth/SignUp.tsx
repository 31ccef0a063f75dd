// Sign-up (when the server allows it): the account is made when the link in
// the welcome email is followed (`/complete-sign-up?token=`).
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';

import { SignUpMutation } from '../../api/auth';
import { errorMessage, fieldErrors } from '../../api/errors';
import { Button, TextLink } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/States';
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
          {state.error && Object.keys(errors).length === 0 ? (
            <Notice tone="danger">{errorMessage(state.error)}</Notice>
          ) : null}
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
            autoComplete="email"
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

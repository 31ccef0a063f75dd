// Changing one's password: the current one, the new one judged as the server
// will judge it, and the number of other sessions the change signed out.
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Form } from 'react-aria-components';

import { ChangePasswordMutation } from '../../api/account';
import { fieldErrors } from '../../api/errors';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Notice } from '../../ui/States';
import { assessPassword, MIN_LENGTH } from './password-rules';
import { StrengthMeter, useEstimator } from './PasswordStrength';

export function PasswordPanel() {
  const headingId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [signedOut, setSignedOut] = useState<number>();
  // The sessions tab asks the server again whenever it shows, so the
  // sessions this change ended need no refetch here.
  const [change, { loading, error, reset }] = useMutation(ChangePasswordMutation);
  const estimator = useEstimator(next !== '');
  const assessment = assessPassword(next, estimator ?? undefined);
  const errors = fieldErrors(error);

  // Length is the server's rule exactly, so it is enforced here; strength is
  // shown, and the server's verdict on it shows under the field.
  const lengthError =
    submitted && (assessment.verdict === 'too-short' || assessment.verdict === 'too-long')
      ? assessment.message
      : undefined;
  const mismatch = repeat !== '' && repeat !== next ? 'The two passwords differ.' : undefined;

  const submit = async () => {
    setSubmitted(true);
    setSignedOut(undefined);
    if (assessment.verdict === 'too-short' || assessment.verdict === 'too-long') return;
    if (next !== repeat) return;
    const result = await change({
      variables: { input: { currentPassword: current, newPassword: next } },
    }).catch(() => undefined);
    if (!result?.data) return;
    setSignedOut(result.data.changePassword.revokedSessions);
    setCurrent('');
    setNext('');
    setRepeat('');
    setSubmitted(false);
  };

  const description =
    assessment.verdict === 'unknown' && estimator === null
      ? `At least ${MIN_LENGTH} characters; the server checks its strength when you save.`
      : assessment.verdict === 'weak' && assessment.hints.length > 0
        ? `${assessment.message} ${assessment.hints.join(' ')}`
        : assessment.message;

  return (
    <section className="card account-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Password</h2>
      <p className="account-intro">
        Changing your password signs out every other session of yours.
      </p>
      <Form
        className="form account-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormErrorBanner error={error} fields={['currentPassword', 'newPassword']} />
        {signedOut !== undefined ? (
          <Notice tone="success">
            Password changed.{' '}
            {signedOut === 0
              ? 'No other session was open.'
              : `${signedOut} other session${signedOut === 1 ? ' was' : 's were'} signed out.`}
          </Notice>
        ) : null}
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(value) => {
            setCurrent(value);
            if (error) reset();
          }}
          isRequired
          error={errors.currentPassword}
        />
        <div className="password-new">
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(value) => {
              setNext(value);
              if (error) reset();
            }}
            isRequired
            description={description}
            error={errors.newPassword ?? lengthError}
          />
          <StrengthMeter assessment={assessment} />
        </div>
        <TextField
          label="Repeat the new password"
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          isRequired
          error={submitted || repeat.length >= next.length ? mismatch : undefined}
        />
        <div className="form-row">
          <Button type="submit" variant="primary" isPending={loading}>
            Change password
          </Button>
        </div>
      </Form>
    </section>
  );
}

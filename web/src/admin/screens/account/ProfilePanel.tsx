// The caller's profile: the display name (editable), the email address with
// whether it is verified (and a new verification link when it is not), the
// role, and when the account was made and last signed in to.
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Form } from 'react-aria-components';

import {
  AccountProfileQuery,
  RequestEmailVerificationMutation,
  UpdateDisplayNameMutation,
} from '../../api/account';
import { errorCode, errorMessage, fieldErrors } from '../../api/errors';
import type { AccountProfileQuery as ProfileResult } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { ErrorState, Notice, Skeleton } from '../../ui/States';
import { formatAbsolute, RelativeTime } from '../../ui/Time';

type Me = ProfileResult['me'];

function DisplayNameForm({ me }: { me: Me }) {
  const [name, setName] = useState(me.displayName);
  const [saved, setSaved] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateDisplayNameMutation);
  const errors = fieldErrors(error);
  const trimmed = name.trim();
  const changed = trimmed !== me.displayName;
  const submit = async () => {
    setSaved(false);
    // The answer updates the cached user, so the top bar shows the new name.
    const result = await update({
      variables: { input: { id: me.id, displayName: trimmed } },
    }).catch(() => undefined);
    if (result?.data) setSaved(true);
  };
  return (
    <Form
      className="form account-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) void submit();
      }}
    >
      <FormErrorBanner error={error} fields={['displayName']} />
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="name"
        description="Shown to others next to your work."
        value={name}
        onChange={(value) => {
          setName(value);
          setSaved(false);
          // A shown error keeps the form from submitting until cleared.
          reset();
        }}
        isRequired
        error={errors.displayName}
      />
      {saved && !changed ? <Notice tone="success">Display name saved.</Notice> : null}
      <div className="form-row">
        <Button type="submit" variant="primary" isDisabled={!changed} isPending={loading}>
          Save name
        </Button>
      </div>
    </Form>
  );
}

function EmailStatus({ me, onStale }: { me: Me; onStale(): void }) {
  const [request, { data, loading, error }] = useMutation(RequestEmailVerificationMutation);
  const send = () =>
    void request().catch((failure: unknown) => {
      // Verified meanwhile (in another tab, say): show the fresh state.
      if (errorCode(failure) === 'CONFLICT') onStale();
    });
  return (
    <div className="account-email">
      <dl className="account-facts">
        <div>
          <dt>Email</dt>
          <dd>
            <span className="account-email-address">{me.email}</span>{' '}
            <span className={`badge ${me.emailVerified ? 'account-badge-on' : 'account-badge-warning'}`}>
              {me.emailVerified ? 'Verified' : 'Not verified'}
            </span>
          </dd>
        </div>
      </dl>
      {me.emailVerified ? null : (
        <>
          {data ? (
            <Notice tone="success">
              A verification link is on its way to {me.email}. It works once, until{' '}
              {formatAbsolute(data.requestEmailVerification.expiresAt)}.
            </Notice>
          ) : (
            <p className="field-description">
              Verify your address so that Vellum can reach you (to reset your password, say).
            </p>
          )}
          {error && errorCode(error) !== 'CONFLICT' ? (
            <Notice tone="danger">{errorMessage(error)}</Notice>
          ) : null}
          <div className="form-row">
            <Button size="sm" isPending={loading} onPress={send}>
              {data ? 'Send another verification email' : 'Send verification email'}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

export function ProfilePanel() {
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(AccountProfileQuery);
  const me = data?.me;
  let body;
  if (!me && loading) body = <Skeleton lines={4} label="Loading your profile" />;
  else if (!me)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else
    body = (
      <div className="profile-grid">
        <DisplayNameForm me={me} />
        <div className="profile-facts">
          <EmailStatus me={me} onStale={() => void refetch()} />
          <dl className="account-facts">
            <div>
              <dt>Role</dt>
              <dd>
                <span className="badge">{me.role.name}</span>{' '}
                <span className="field-description">{me.role.description}</span>
              </dd>
            </div>
            <div>
              <dt>Member since</dt>
              <dd>
                <RelativeTime iso={me.createdAt} showAbsolute />
              </dd>
            </div>
            <div>
              <dt>Last sign-in</dt>
              <dd>{me.lastSignInAt ? <RelativeTime iso={me.lastSignInAt} showAbsolute /> : 'Never'}</dd>
            </div>
          </dl>
        </div>
      </div>
    );
  return (
    <section className="card account-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Profile</h2>
      {body}
    </section>
  );
}

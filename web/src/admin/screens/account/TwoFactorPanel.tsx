// Two-factor authentication: set up an authenticator (QR code or the secret
// typed by hand), confirm it with a code, keep the backup codes shown once;
// later get new backup codes or turn it off, each with a current code.
// Whether it is on comes from `me.twoFactorEnabled`; the panel's own changes
// are written to the cache so that the state shows at once.
import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Form } from 'react-aria-components';

import {
  AccountTwoFactorQuery,
  ConfirmTwoFactorMutation,
  DisableTwoFactorMutation,
  RegenerateBackupCodesMutation,
  SetupTwoFactorMutation,
} from '../../api/account';
import { errorCode, errorMessage, fieldErrors } from '../../api/errors';
import type { SetupTwoFactorMutation as SetupResult } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { ErrorState, Notice, Skeleton } from '../../ui/States';

type Setup = SetupResult['setupTwoFactor'];

/** Records a change the API just confirmed where the panel reads the state. */
function recordEnabled(cache: ApolloCache, enabled: boolean) {
  cache.updateQuery({ query: AccountTwoFactorQuery }, (data) =>
    data ? { ...data, me: { ...data.me, twoFactorEnabled: enabled } } : data,
  );
}

/** The secret in groups of four, as authenticator apps print it. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function BackupCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const headingId = useId();
  return (
    <section className="backup-codes" aria-labelledby={headingId}>
      <h3 id={headingId}>Your backup codes</h3>
      <Notice tone="warning">
        Store these codes somewhere safe now: they are shown only this once. Each one signs you in
        once if you lose your authenticator, and any older codes no longer work.
      </Notice>
      <ol className="backup-code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-row">
        <CopyButton text={codes.join('\n')}>Copy the codes</CopyButton>
        <Button size="sm" variant="primary" onPress={onDone}>
          I have stored them
        </Button>
      </div>
    </section>
  );
}

function SetupForm({
  setup,
  onConfirmed,
  onCancel,
}: {
  setup: Setup;
  onConfirmed(codes: string[]): void;
  onCancel(): void;
}) {
  const [code, setCode] = useState('');
  const [confirm, { loading, error, reset }] = useMutation(ConfirmTwoFactorMutation, {
    update: (cache) => recordEnabled(cache, true),
  });
  const errors = fieldErrors(error);
  const submit = async () => {
    const result = await confirm({ variables: { input: { code: code.trim() } } }).catch(
      () => undefined,
    );
    const codes = result?.data?.confirmTwoFactor.backupCodes;
    if (codes) onConfirmed(codes);
  };
  return (
    <div className="two-factor-setup">
      <ol className="two-factor-steps">
        <li>
          <p>Scan this code with an authenticator app (1Password, Google Authenticator, Aegis…).</p>
          <img
            className="two-factor-qr"
            src={setup.qrCode}
            alt="QR code that adds Vellum to an authenticator app"
            width={200}
            height={200}
          />
        </li>
        <li>
          <p>Or type this key into the app by hand:</p>
          <div className="form-row">
            <code className="two-factor-secret">{groupSecret(setup.secret)}</code>
            <CopyButton text={setup.secret}>Copy the key</CopyButton>
          </div>
        </li>
        <li>
          <p>Enter the six-digit code the app now shows.</p>
          <Form
            className="form account-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <FormErrorBanner error={error} fields={['code']} />
            <TextField
              label="Code from the app"
              name="code"
              value={code}
              onChange={(value) => {
                setCode(value);
                // A shown error keeps the form from submitting until cleared.
                reset();
              }}
              autoComplete="one-time-code"
              inputMode="numeric"
              isRequired
              error={errors.code}
            />
            <div className="form-row">
              <Button type="submit" variant="primary" isPending={loading}>
                Turn on two-factor authentication
              </Button>
              <Button variant="ghost" onPress={onCancel}>
                Cancel
              </Button>
            </div>
          </Form>
        </li>
      </ol>
    </div>
  );
}

/** New backup codes, or two-factor off: both need a current code. */
function ManageForm({
  onCodes,
  onDisabled,
  onStale,
}: {
  onCodes(codes: string[]): void;
  onDisabled(): void;
  /** Turned off meanwhile (in another tab, say). */
  onStale(): void;
}) {
  const [code, setCode] = useState('');
  const [regenerate, regenerateState] = useMutation(RegenerateBackupCodesMutation);
  const [disable, disableState] = useMutation(DisableTwoFactorMutation, {
    update: (cache) => recordEnabled(cache, false),
  });
  // The last action's failure; the other's is stale once this one ran.
  const [lastAction, setLastAction] = useState<'regenerate' | 'disable'>();
  const error = lastAction === 'disable' ? disableState.error : regenerateState.error;
  const errors = fieldErrors(error);

  const run = async (action: 'regenerate' | 'disable') => {
    setLastAction(action);
    const input = { code: code.trim() };
    if (action === 'regenerate') {
      const result = await regenerate({ variables: { input } }).catch(() => undefined);
      const codes = result?.data?.regenerateBackupCodes.backupCodes;
      if (codes) {
        setCode('');
        onCodes(codes);
      }
      return;
    }
    const result = await disable({ variables: { input } }).catch((failure: unknown) => {
      if (errorCode(failure) === 'CONFLICT') onStale();
      return undefined;
    });
    // The cache now says off, so this form goes away: nothing of it to clear.
    if (result?.data?.disableTwoFactor.ok) onDisabled();
  };

  return (
    <Form
      className="form account-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('regenerate');
      }}
    >
      <FormErrorBanner error={error} fields={['code']} />
      <TextField
        label="Code from your authenticator, or a backup code"
        name="code"
        value={code}
        onChange={(value) => {
          setCode(value);
          // A shown error keeps the form from submitting until cleared.
          regenerateState.reset();
          disableState.reset();
        }}
        autoComplete="one-time-code"
        isRequired
        error={errors.code}
      />
      <div className="form-row">
        <Button type="submit" isPending={regenerateState.loading}>
          Get new backup codes
        </Button>
        <Button
          variant="danger"
          isPending={disableState.loading}
          isDisabled={code.trim() === ''}
          onPress={() => void run('disable')}
        >
          Turn off two-factor authentication
        </Button>
      </div>
    </Form>
  );
}

export function TwoFactorPanel() {
  const headingId = useId();
  const state = useQuery(AccountTwoFactorQuery);
  const enabled = state.data?.me.twoFactorEnabled;
  const [setup, setSetup] = useState<Setup>();
  const [codes, setCodes] = useState<string[]>();
  const [notice, setNotice] = useState<{ tone: 'success' | 'info'; text: string }>();
  const [start, startState] = useMutation(SetupTwoFactorMutation);

  // The state changed elsewhere (another tab) since it was read: the API
  // refused, and the panel shows what is true now.
  const stale = (text: string) => {
    setNotice({ tone: 'info', text });
    void state.refetch();
  };

  const begin = async () => {
    setNotice(undefined);
    const result = await start().catch((failure: unknown) => {
      if (errorCode(failure) === 'CONFLICT') {
        stale(
          'Two-factor authentication is already on for your account. To move to another authenticator, turn it off first, then set it up again.',
        );
      }
      return undefined;
    });
    if (result?.data) setSetup(result.data.setupTwoFactor);
  };

  let body;
  if (codes) {
    body = <BackupCodes codes={codes} onDone={() => setCodes(undefined)} />;
  } else if (setup) {
    body = (
      <SetupForm
        setup={setup}
        onCancel={() => setSetup(undefined)}
        onConfirmed={(issued) => {
          setSetup(undefined);
          setCodes(issued);
          setNotice({ tone: 'success', text: 'Two-factor authentication is on.' });
        }}
      />
    );
  } else if (enabled === undefined) {
    body = state.loading ? (
      <Skeleton lines={2} label="Loading your two-factor settings" />
    ) : (
      <ErrorState message={errorMessage(state.error)} onRetry={() => void state.refetch()} />
    );
  } else if (enabled) {
    body = (
      <div className="two-factor-option">
        <p>
          Get new backup codes (the old ones stop working) or turn two-factor authentication off.
          Either needs a current code.
        </p>
        <ManageForm
          onCodes={(issued) => {
            setNotice(undefined);
            setCodes(issued);
          }}
          onDisabled={() =>
            setNotice({ tone: 'success', text: 'Two-factor authentication is off.' })
          }
          onStale={() => stale('Two-factor authentication is already off for your account.')}
        />
      </div>
    );
  } else {
    body = (
      <div className="two-factor-option">
        <p>
          You will need an authenticator app on your phone or computer. Vellum then asks for its
          code each time you sign in.
        </p>
        {/* A CONFLICT is said by the notice, once the fresh state shows. */}
        {errorCode(startState.error) === 'CONFLICT' ? null : (
          <FormErrorBanner error={startState.error} />
        )}
        <Button variant="primary" isPending={startState.loading} onPress={() => void begin()}>
          Set up two-factor authentication
        </Button>
      </div>
    );
  }

  return (
    <section className="card account-panel" aria-labelledby={headingId}>
      <div className="account-panel-header">
        <h2 id={headingId}>Two-factor authentication</h2>
        {enabled === undefined ? null : (
          <span className={`badge account-badge-${enabled ? 'on' : 'off'}`}>
            {enabled ? 'On' : 'Off'}
          </span>
        )}
      </div>
      <p className="account-intro">
        A code from an authenticator app, asked for at each sign-in, keeps your account safe even
        if your password leaks.
      </p>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {body}
    </section>
  );
}

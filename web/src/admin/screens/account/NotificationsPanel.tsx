// Which notifications reach the caller, in the app and by email, and how
// emails are batched. Security notices are always on: shown, not editable.
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Checkbox } from 'react-aria-components';

import {
  NotificationPreferencesQuery,
  UpdateNotificationPreferencesMutation,
} from '../../api/account';
import { errorMessage } from '../../api/errors';
import type {
  DigestFrequency,
  NotificationKind,
  NotificationPreferencesQuery as PreferencesResult,
} from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Select } from '../../ui/Select';
import { ErrorState, Notice, Skeleton } from '../../ui/States';

type Preferences = PreferencesResult['notificationPreferences'];
type Switches = Record<string, { inApp: boolean; email: boolean }>;

/** Every kind, as the person receiving it thinks of it. */
const KINDS: Record<NotificationKind, { label: string; description: string }> = {
  REVIEW_REQUESTED: {
    label: 'Review requested',
    description: 'An item was submitted for review (to reviewers).',
  },
  CHANGES_REQUESTED: {
    label: 'Changes requested',
    description: 'A reviewer sent your item back with a comment.',
  },
  CONTENT_APPROVED: { label: 'Approved', description: 'A reviewer approved your item.' },
  CONTENT_PUBLISHED: { label: 'Published', description: 'Someone published your item.' },
  SCHEDULED_PUBLISH_DONE: {
    label: 'Scheduled publication done',
    description: 'Your item went live at its scheduled time.',
  },
  NEW_SIGN_IN: {
    label: 'New sign-in',
    description: 'Someone signed in to your account from a new device.',
  },
  PASSWORD_CHANGED: { label: 'Password changed', description: 'Your password was changed.' },
  TWO_FACTOR_ENABLED: {
    label: 'Two-factor turned on',
    description: 'Two-factor authentication was turned on for your account.',
  },
  TWO_FACTOR_DISABLED: {
    label: 'Two-factor turned off',
    description: 'Two-factor authentication was turned off for your account.',
  },
};

const DIGESTS: { id: DigestFrequency; name: string }[] = [
  { id: 'IMMEDIATE', name: 'As they happen, one email each' },
  { id: 'DAILY', name: 'A daily digest' },
  { id: 'WEEKLY', name: 'A weekly digest' },
  { id: 'NEVER', name: 'Never' },
];

function switchesOf(preferences: Preferences): Switches {
  return Object.fromEntries(
    preferences.kinds.map((k) => [k.kind, { inApp: k.inApp, email: k.email }]),
  );
}

function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const [switches, setSwitches] = useState<Switches>(() => switchesOf(preferences));
  const [digest, setDigest] = useState<DigestFrequency>(preferences.digest);
  const [saved, setSaved] = useState(false);
  // The saved settings changed (saved here or elsewhere): start from them.
  const savedJson = JSON.stringify(preferences);
  const [basis, setBasis] = useState(savedJson);
  if (basis !== savedJson) {
    setBasis(savedJson);
    setSwitches(switchesOf(preferences));
    setDigest(preferences.digest);
  }
  const [save, { loading, error }] = useMutation(UpdateNotificationPreferencesMutation, {
    // The settings have no id to merge by: the answer replaces them whole.
    update(cache, { data }) {
      if (data) {
        cache.writeQuery({
          query: NotificationPreferencesQuery,
          data: { __typename: 'Query', notificationPreferences: data.updateNotificationPreferences.preferences },
        });
      }
    },
  });

  const editable = preferences.kinds.filter((k) => !k.locked);
  const changed =
    digest !== preferences.digest ||
    editable.some(
      (k) => switches[k.kind]?.inApp !== k.inApp || switches[k.kind]?.email !== k.email,
    );

  const toggle = (kind: NotificationKind, channel: 'inApp' | 'email', on: boolean) => {
    setSaved(false);
    setSwitches((all) => {
      const current = all[kind] ?? { inApp: false, email: false };
      return { ...all, [kind]: { ...current, [channel]: on } };
    });
  };

  const submit = async () => {
    setSaved(false);
    const result = await save({
      variables: {
        input: {
          digest,
          kinds: editable.map((k) => ({
            kind: k.kind,
            inApp: switches[k.kind]?.inApp ?? k.inApp,
            email: switches[k.kind]?.email ?? k.email,
          })),
        },
      },
    }).catch(() => undefined);
    if (result?.data) setSaved(true);
  };

  return (
    <>
      <div className="account-table-scroll">
        <table className="table preferences-table">
          <caption className="visually-hidden">Notifications by kind</caption>
          <thead>
            <tr>
              <th scope="col">Notification</th>
              <th scope="col">In the app</th>
              <th scope="col">By email</th>
            </tr>
          </thead>
          <tbody>
            {preferences.kinds.map((k) => {
              const { label, description } = KINDS[k.kind];
              const value = k.locked ? k : (switches[k.kind] ?? k);
              return (
                <tr key={k.kind}>
                  <th scope="row">
                    <span className="preference-label">{label}</span>
                    {k.locked ? <span className="badge">Security: always on</span> : null}
                    <span className="preference-description">{description}</span>
                  </th>
                  {(['inApp', 'email'] as const).map((channel) => (
                    <td key={channel}>
                      <Checkbox
                        className="checkbox"
                        aria-label={`${label}: ${channel === 'inApp' ? 'in the app' : 'by email'}`}
                        isSelected={value[channel]}
                        isDisabled={k.locked}
                        onChange={(on) => toggle(k.kind, channel, on)}
                      >
                        <span className="checkbox-box" aria-hidden="true" />
                      </Checkbox>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="preferences-footer">
        <Select
          label="Email delivery"
          items={DIGESTS}
          value={digest}
          onChange={(key) => {
            const found = DIGESTS.find((d) => d.id === key);
            if (found) {
              setSaved(false);
              setDigest(found.id);
            }
          }}
          description="For the notifications ticked “By email”. Security notices are always emailed at once."
          className="field preferences-digest"
        />
        <FormErrorBanner error={error} />
        {saved && !changed ? <Notice tone="success">Notification settings saved.</Notice> : null}
        <div className="form-row">
          <Button
            variant="primary"
            isDisabled={!changed}
            isPending={loading}
            onPress={() => void submit()}
          >
            Save notification settings
          </Button>
        </div>
      </div>
    </>
  );
}

export function NotificationsPanel() {
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(NotificationPreferencesQuery);
  let body;
  if (!data && loading) body = <Skeleton lines={6} label="Loading notification settings" />;
  else if (!data)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else
    body = (
<PreferencesForm preferences={data.notificationPreferences} />
    );
  return (
    <section className="card account-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Notifications</h2>
      <p className="account-intro">Choose what reaches you, and where.</p>
      {body}
    </section>
  );
}

// API keys (`/admin/api-keys`, for holders of `api_keys.manage`): every key
// with its scopes and last use; creating one (its secret shown once) and
// revoking one.
import '../../styles/editor.css';
import '../../styles/apikeys.css';

import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';

import { ApiKeysQuery, RevokeApiKeyMutation } from '../../api/apikeys';
import { errorMessage } from '../../api/errors';
import type { ApiKeysQuery as ApiKeysResult } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { ActionDialog } from '../../ui/ActionDialog';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { RelativeTime, useNow } from '../../ui/Time';
import { CreateKeyDialog, type CreatedKey } from './CreateKeyDialog';

type ApiKey = ApiKeysResult['apiKeys'][number];

const MANAGE = 'api_keys.manage';

/** Whether a key works now, and if not why. */
function keyState(key: ApiKey, now: number): 'active' | 'expired' | 'revoked' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

function SecretDialog({ created, onClose }: { created: CreatedKey | undefined; onClose(): void }) {
  return (
    <Dialog
      title="Copy your new key"
      role="alertdialog"
      isOpen={created !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      // Closing by accident would lose the secret for good.
      dismissable={false}
    >
      {created ? (
        <div className="form">
          <Notice tone="warning">
            This is the only time the key “{created.name}” is shown. Copy it now and keep it
            somewhere safe, such as a password manager or your deployment’s secrets. If it is
            lost, revoke it and create another.
          </Notice>
          <div className="secret-row">
            <TextField
              label="Secret key"
              value={created.secret}
              isReadOnly
              multiline
              rows={2}
              className="secret-field"
              description={
                <>
                  Send it in the <code>Authorization: Bearer …</code> header of requests to{' '}
                  <code>/graphql</code>.
                </>
              }
            />
            <CopyButton text={created.secret} variant="primary">
              Copy the key
            </CopyButton>
          </div>
          <div className="dialog-actions">
            <Button onPress={onClose}>I have stored it</Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: ApiKey | undefined; onClose(): void }) {
  const [revoke] = useMutation(RevokeApiKeyMutation, {
    refetchQueries: [ApiKeysQuery],
    awaitRefetchQueries: true,
  });
  return (
    <ActionDialog
      title={apiKey ? `Revoke “${apiKey.name}”?` : 'Revoke key?'}
      submitLabel="Revoke key"
      danger
      isOpen={apiKey !== undefined}
      onClose={onClose}
      run={async () => {
        if (apiKey) await revoke({ variables: { input: { id: apiKey.id } } });
      }}
    >
      <p>
        Anything using the key <code>{apiKey?.prefix}…</code> stops working at once. This cannot be
        undone.
      </p>
    </ActionDialog>
  );
}

const STATE_LABELS = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

function KeyTable({ keys, onRevoke }: { keys: readonly ApiKey[]; onRevoke(key: ApiKey): void }) {
  const session = useSession();
  const now = useNow();
  return (
    <div className="keys-table-scroll">
      <table className="table keys-table">
        <caption className="visually-hidden">API keys, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Permissions</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const state = keyState(key, now);
            return (
              <tr key={key.id} className={state === 'active' ? undefined : 'key-inactive'}>
                <th scope="row">
                  <span className="key-name">{key.name}</span>
                  {key.owner && key.owner.id !== session.me?.id ? (
                    <span className="key-owner">by {key.owner.displayName}</span>
                  ) : null}
                </th>
                <td>
                  <code className="key-prefix">{key.prefix}…</code>
                </td>
                <td>
                  <ul className="key-scopes" aria-label={`Permissions of ${key.name}`}>
                    {key.scopes.map((scope) => (
                      <li key={scope}>
                        <code>{scope}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <RelativeTime iso={key.createdAt} />
                </td>
                <td data-column="last-used">
                  {key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : 'Never'}
                </td>
                <td>{key.expiresAt ? <RelativeTime iso={key.expiresAt} /> : 'Never'}</td>
                <td>
                  <span className={`badge key-state-${state}`}>{STATE_LABELS[state]}</span>
                  {key.revokedAt ? (
                    <span className="key-revoked-at">
                      {' '}
                      <RelativeTime iso={key.revokedAt} />
                    </span>
                  ) : null}
                </td>
                <td className="keys-table-actions">
                  {key.revokedAt ? null : (
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Revoke ${key.name}`}
                      onPress={() => onRevoke(key)}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function KeysScreen({ permissions }: { permissions: readonly string[] }) {
  const { data, loading, error, refetch } = useQuery(ApiKeysQuery, {
    fetchPolicy: 'cache-and-network',
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const keys = data?.apiKeys ?? [];

  let body;
  if (!data && loading) body = <Skeleton lines={5} label="Loading API keys" />;
  else if (!data) body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else if (keys.length === 0)
    body = (
      <EmptyState title="No API keys yet">
        A key lets a site or a script use the API as you, limited to the permissions you choose.
      </EmptyState>
    );
  else body = <KeyTable keys={keys} onRevoke={setRevoking} />;

  return (
    <Page
      title="API keys"
      subtitle="Keys let sites and scripts call the API as the person who made them, within the permissions given."
      actions={
        <Button variant="primary" onPress={() => setCreating(true)}>
          Create key
        </Button>
      }
    >
      {body}
      <CreateKeyDialog
        isOpen={creating}
        onOpenChange={setCreating}
        permissions={permissions}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <SecretDialog created={created} onClose={() => setCreated(undefined)} />
      <RevokeDialog apiKey={revoking} onClose={() => setRevoking(undefined)} />
    </Page>
  );
}

export default function ApiKeys() {
  const session = useSession();
  if (!session.can(MANAGE)) {
    return (
      <Page title="API keys">
        <EmptyState title="You cannot manage API keys">
          Creating and revoking keys needs the <code>{MANAGE}</code> permission, which your role
          does not have. Ask an administrator if you need one.
        </EmptyState>
      </Page>
    );
  }
  return <KeysScreen permissions={session.me?.role.permissions ?? []} />;
}

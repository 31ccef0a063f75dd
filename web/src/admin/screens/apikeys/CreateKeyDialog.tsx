// Creating a key: its name, the permissions it may use (each one the caller
// holds) and when it stops working. The secret it returns is handed to
// `onCreated`, to be shown once.
import { useMutation } from '@apollo/client/react';
import { getLocalTimeZone, today, type CalendarDate } from '@internationalized/date';
import { useState } from 'react';
import { Checkbox, CheckboxGroup, Form, Label } from 'react-aria-components';

import { ApiKeysQuery, CreateApiKeyMutation } from '../../api/apikeys';
import { fieldErrors } from '../../api/errors';
import { DatePickerControl } from '../../fields';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { FieldHelp } from '../../ui/FieldHelp';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Select } from '../../ui/Select';
import { EXPIRY_CHOICES, expiryInstant, isExpiryChoice, type ExpiryChoice } from './expiry';

export interface CreatedKey {
  name: string;
  prefix: string;
  secret: string;
}

const FIELDS = ['name', 'scopes', 'expiresAt'];

function CreateKeyForm({
  permissions,
  onCreated,
  onCancel,
}: {
  permissions: readonly string[];
  onCreated(key: CreatedKey): void;
  onCancel(): void;
}) {
  const timeZone = getLocalTimeZone();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const [day, setDay] = useState<CalendarDate | null>(null);
  const [checked, setChecked] = useState(false);
  const [create, { loading, error, reset }] = useMutation(CreateApiKeyMutation, {
    refetchQueries: [ApiKeysQuery],
  });
  const errors = fieldErrors(error);
  const scopesError = checked && scopes.length === 0 ? 'Choose at least one permission.' : undefined;
  const dayError = checked && expiry === 'date' && !day ? 'Choose the day.' : undefined;

  const submit = async () => {
    setChecked(true);
    if (scopes.length === 0 || (expiry === 'date' && !day)) return;
    const result = await create({
      variables: {
        input: {
          name: name.trim(),
          // The caller's order (sorted by the API), whatever order they were ticked in.
          scopes: permissions.filter((p) => scopes.includes(p)),
          expiresAt: expiryInstant(expiry, Date.now(), day, timeZone),
        },
      },
    }).catch(() => undefined);
    const created = result?.data?.createApiKey;
    if (created) {
      onCreated({ name: created.apiKey.name, prefix: created.apiKey.prefix, secret: created.secret });
    }
  };

  return (
    <Form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormErrorBanner error={error} fields={FIELDS} />
      <TextField
        label="Name"
        name="name"
        description="What uses it, e.g. “Marketing site” or “Nightly export”."
        value={name}
        onChange={(value) => {
          setName(value);
          // A shown error keeps the form from submitting until cleared.
          reset();
        }}
        isRequired
        maxLength={100}
        autoFocus
        error={errors.name}
      />
      <CheckboxGroup
        className="field checkbox-group"
        value={scopes}
        onChange={setScopes}
        isInvalid={!!(errors.scopes ?? scopesError)}
        validationBehavior="aria"
      >
        <Label className="field-label">Permissions</Label>
        <div className="form-row">
          <Button size="sm" variant="ghost" onPress={() => setScopes([...permissions])}>
            Select all
          </Button>
          <Button size="sm" variant="ghost" onPress={() => setScopes([])}>
            Select none
          </Button>
        </div>
        <div className="checkbox-list scope-list">
          {permissions.map((permission) => (
            <Checkbox key={permission} value={permission} className="checkbox">
              <span className="checkbox-box" aria-hidden="true" />
              <code>{permission}</code>
            </Checkbox>
          ))}
        </div>
        <FieldHelp
          description="The key can do only these, and only while you hold them yourself."
          error={errors.scopes ?? scopesError}
        />
      </CheckboxGroup>
      <Select
        label="Expires"
        items={EXPIRY_CHOICES}
        value={expiry}
        onChange={(key) => {
          if (!isExpiryChoice(key)) return;
          setExpiry(key);
          // A month ahead to start from: a day has to be shown anyway.
          if (key === 'date' && !day) setDay(today(timeZone).add({ months: 1 }));
        }}
        error={expiry === 'date' ? undefined : errors.expiresAt}
      />
      {expiry === 'date' ? (
        <DatePickerControl<CalendarDate>
          label="Last day"
          value={day}
          onChange={setDay}
          description={`The key stops working at the end of this day (${timeZone}).`}
          error={errors.expiresAt ?? dayError}
          isRequired
        />
      ) : null}
      <div className="dialog-actions">
        <Button variant="ghost" onPress={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" isPending={loading}>
          Create key
        </Button>
      </div>
    </Form>
  );
}

export function CreateKeyDialog({
  isOpen,
  onOpenChange,
  permissions,
  onCreated,
}: {
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  permissions: readonly string[];
  onCreated(key: CreatedKey): void;
}) {
  return (
    <Dialog title="Create an API key" isOpen={isOpen} onOpenChange={onOpenChange}>
      <CreateKeyForm
        permissions={permissions}
        onCreated={onCreated}
        onCancel={() => onOpenChange(false)}
      />
    </Dialog>
  );
}

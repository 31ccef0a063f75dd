// "Invite user": a manager creates an account with a role below their own;
// Vellum emails the person a link to set their password.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';

import { fieldErrors } from '../../api/errors';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Select } from '../../ui/Select';
import { InviteUserMutation, RolesQuery, UserListQuery } from './operations';
import { grantableRoles } from './rank';

const FIELDS = ['email', 'displayName', 'role'] as const;

export interface Invited {
  id: string;
  email: string;
  displayName: string;
}

export function InviteUser({ onInvited }: { onInvited(user: Invited): void }) {
  const session = useSession();
  const me = session.me;
  const mayInvite = session.can('users.manage');
  const roles = useQuery(RolesQuery, { skip: !mayInvite });
  const [invite, { loading, error, reset }] = useMutation(InviteUserMutation, {
    refetchQueries: [UserListQuery],
  });
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<string | null>(null);

  if (!mayInvite || !me) return null;
  const grantable = grantableRoles(roles.data?.roles ?? [], me.role);
  const fields = fieldErrors(error);

  const close = () => {
    reset();
    setOpen(false);
    setEmail('');
    setDisplayName('');
    setRole(null);
  };
  const submit = async () => {
    if (!role) return;
    try {
      const result = await invite({
        variables: { input: { email: email.trim(), displayName: displayName.trim(), role } },
      });
      const user = result.data?.inviteUser.user;
      close();
      if (user) onInvited(user);
    } catch {
      // Shown in the form: under the field the API named, or as a banner.
    }
  };

  return (
    <>
      <Button variant="primary" onPress={() => setOpen(true)}>
        Invite user
      </Button>
      <Dialog
        title="Invite a user"
        isOpen={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        dismissable={!loading}
      >
        <Form
          className="form"
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="field-description">
            They get an email with a link to set their password and sign in.
          </p>
          <TextField
            label="Email"
            type="email"
            autoComplete="off"
            isRequired
            autoFocus
            value={email}
            onChange={setEmail}
            error={fields.email}
          />
          <TextField
            label="Name"
            description="Shown to others; they can change it."
            isRequired
            value={displayName}
            onChange={setDisplayName}
            error={fields.displayName}
          />
          <Select
            className="field user-select"
            label="Role"
            items={grantable.map((r) => ({ id: r.name, name: r.name }))}
            value={role}
            onChange={(key) => setRole(key === null ? null : String(key))}
            placeholder="Choose a role"
            description="Roles below your own."
            isRequired
            error={fields.role}
          />
          <FormErrorBanner error={error} fields={FIELDS} />
          <div className="dialog-actions">
            <Button onPress={close} isDisabled={loading}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="primary"
              isPending={loading}
              isDisabled={!email.trim() || !displayName.trim() || !role}
            >
              Send invitation
            </Button>
          </div>
        </Form>
      </Dialog>
    </>
  );
}

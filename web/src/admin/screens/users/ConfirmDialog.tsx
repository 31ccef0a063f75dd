// A yes-or-no question before an action that is felt at once (signing a
// person out, taking away their second factor). The dialog stays open while
// the action runs and shows the API's message when it is refused.
import { useState, type ReactNode } from 'react';

import { errorMessage } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/States';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  isOpen,
  onClose,
  run,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  isOpen: boolean;
  onClose(): void;
  /** The action; a rejection's message is shown and the dialog stays open. */
  run(): Promise<unknown>;
}) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    setRunning(true);
    setError(undefined);
    try {
      await run();
      close();
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Dialog
      title={title}
      isOpen={isOpen}
      onOpenChange={(open) => (open ? undefined : close())}
      role="alertdialog"
      dismissable={!running}
    >
      {children}
      {error ? <Notice tone="danger">{errorMessage(error)}</Notice> : null}
      <div className="dialog-actions">
        <Button onPress={close} isDisabled={running} autoFocus>
          Cancel
        </Button>
        <Button
          variant={danger ? 'danger' : 'primary'}
          isPending={running}
          onPress={() => void confirm()}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

// A dialog around one change to the API: a form (Enter submits it) whose
// button runs the change. It stays open while the change runs, and when the
// API refuses, its message shows under the field it names, or else above the
// buttons; it closes once the change is made.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Form } from 'react-aria-components';

import { fieldErrors } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormErrorBanner } from '../../ui/FormErrorBanner';

export function ActionDialog({
  title,
  submitLabel,
  danger = false,
  fields = [],
  onClose,
  run,
  children,
}: {
  title: string;
  submitLabel: string;
  danger?: boolean;
  /** The input fields this form shows errors under (`name`, `slug`, ...). */
  fields?: readonly string[];
  onClose(): void;
  /** The change; a rejection's message is shown and the dialog stays open. */
  run(): Promise<unknown>;
  /** The form, given the API's message for each field it named. */
  children: ReactNode | ((errors: Record<string, string>) => ReactNode);
}) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    setRunning(true);
    setError(undefined);
    try {
      await run();
      onClose();
    } catch (failure) {
      setError(failure);
      setRunning(false);
    }
  };

  const errors = fieldErrors(error);
  return (
    <Dialog
      title={title}
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
      role={danger ? 'alertdialog' : 'dialog'}
      dismissable={!running}
    >
      <Form className="form" onSubmit={(event) => void submit(event)}>
        {typeof children === 'function' ? children(errors) : children}
        <FormErrorBanner error={error} fields={fields} />
        <div className="dialog-actions">
          {/* A question about a loss starts on its safe answer. */}
          <Button onPress={onClose} isDisabled={running} autoFocus={danger}>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} isPending={running}>
            {submitLabel}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

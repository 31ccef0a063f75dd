// A dialog around one change to the API, from a plain "are you sure?" to a
// small form (Enter submits it). It stays open while the change runs, so a
// refusal can be read where it was asked for: the API's message shows under
// the field it names, or else above the buttons. It closes once the change
// is made.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Form } from 'react-aria-components';

import { fieldErrors } from '../api/errors';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { FormErrorBanner } from './FormErrorBanner';

export function ActionDialog({
  title,
  submitLabel,
  danger = false,
  alert = danger,
  isOpen = true,
  fields = [],
  onClose,
  run,
  children,
}: {
  title: string;
  submitLabel: string;
  danger?: boolean;
  /** A question to answer before going on (an alertdialog); a loss always is one. */
  alert?: boolean;
  /** For a dialog kept mounted between uses; otherwise it is open while rendered. */
  isOpen?: boolean;
  /** The input fields this form shows errors under (`name`, `slug`, ...). */
  fields?: readonly string[];
  onClose(): void;
  /** The change; a rejection's message is shown and the dialog stays open. */
  run(): Promise<unknown>;
  /** The body, given the API's message for each field it named. */
  children: ReactNode | ((errors: Record<string, string>) => ReactNode);
}) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>();

  // A kept-mounted dialog must not greet its next use with an old refusal.
  const close = () => {
    setError(undefined);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
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

  const errors = fieldErrors(error);
  return (
    <Dialog
      title={title}
      isOpen={isOpen}
      onOpenChange={(open) => (open ? undefined : close())}
      role={alert ? 'alertdialog' : 'dialog'}
      dismissable={!running}
    >
      <Form className="form" onSubmit={(event) => void submit(event)}>
        {typeof children === 'function' ? children(errors) : children}
        <FormErrorBanner error={error} fields={fields} />
        <div className="dialog-actions">
          {/* A question starts on its safe answer. */}
          <Button onPress={close} isDisabled={running} autoFocus={alert}>
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

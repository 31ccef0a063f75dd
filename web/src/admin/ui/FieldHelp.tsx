// The description and error under a React Aria field. Rendered inside the
// field so React Aria wires them up (slot="description", FieldError) and
// screen readers announce both with the input.
import type { ReactNode } from 'react';
import { FieldError, Text } from 'react-aria-components';

export function FieldHelp({
  description,
  error,
}: {
  description?: ReactNode;
  /** The server's (or our own) message; React Aria's own check shows otherwise. */
  error?: string | undefined;
}) {
  return (
    <>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </>
  );
}

/**
 * The same, for a control React Aria does not wire (a rich-text editor, a
 * switch, which has no description slot): the caller points the control's
 * `aria-describedby` at these ids.
 */
export function WiredFieldHelp({
  descriptionId,
  errorId,
  description,
  error,
}: {
  descriptionId: string;
  errorId: string;
  description?: ReactNode;
  error?: string | undefined;
}) {
  return (
    <>
      {description ? (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

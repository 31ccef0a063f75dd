// Labelled text inputs with a description and an error under them. The error
// is either the browser's own check or the message the API sent for this
// field (`extensions.field`).
import type { ReactNode } from 'react';
import {
  Input,
  Label,
  TextArea as AriaTextArea,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';

import { FieldHelp } from './FieldHelp';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'children'> {
  label: ReactNode;
  description?: ReactNode;
  /** The server's message for this field. */
  error?: string | undefined;
  placeholder?: string;
  multiline?: boolean;
  rows?: number;
}

export function TextField({
  label,
  description,
  error,
  placeholder,
  multiline,
  rows = 3,
  className,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField
      {...props}
      isInvalid={error ? true : props.isInvalid}
      className={`field${typeof className === 'string' ? ` ${className}` : ''}`}
    >
      <Label className="field-label">{label}</Label>
      {multiline ? (
        <AriaTextArea className="input" placeholder={placeholder} rows={rows} />
      ) : (
        <Input className="input" placeholder={placeholder} />
      )}
      <FieldHelp description={description} error={error} />
    </AriaTextField>
  );
}

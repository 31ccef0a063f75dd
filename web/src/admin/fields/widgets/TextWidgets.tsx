// TEXT (one line, length and pattern checked) and JSON (a monospace text
// area whose text must parse).
import { TextField } from '../../ui/Field';
import type { WidgetProps } from './props';

export function TextWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const long = typeof def.max === 'number' && def.max > 200;
  return (
    <TextField
      label={def.name}
      description={description}
      error={error}
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      onBlur={onBlur}
      isRequired={def.required}
      validationBehavior="aria"
      multiline={long}
      rows={long ? 4 : undefined}
    />
  );
}

export function JsonWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  return (
    <TextField
      className="field-json"
      label={def.name}
      description={description ?? 'JSON, e.g. {"key": "value"}'}
      error={error}
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      onBlur={onBlur}
      isRequired={def.required}
      validationBehavior="aria"
      multiline
      rows={6}
      spellCheck="false"
    />
  );
}

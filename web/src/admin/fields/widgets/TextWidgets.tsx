// TEXT (one line, length and pattern checked), JSON (a monospace text
// area whose text must parse) and MEDIA (file ids, until the media
// library's picker replaces it).
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

/** File ids, one per line for a field of several files. */
export function MediaIdsWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const text = Array.isArray(value) ? value.join('\n') : typeof value === 'string' ? value : '';
  return (
    <TextField
      className="field-json"
      label={def.name}
      description={description ?? (def.multiple ? 'File ids, one per line' : 'A file id')}
      error={error}
      value={text}
      onChange={(next) =>
        onChange(
          def.multiple
            ? next
                .split(/\s+/)
                .map((id) => id.trim())
                .filter((id) => id !== '')
            : next.trim(),
        )
      }
      onBlur={onBlur}
      isRequired={def.required}
      validationBehavior="aria"
      multiline={def.multiple}
      rows={def.multiple ? 3 : undefined}
      spellCheck="false"
    />
  );
}

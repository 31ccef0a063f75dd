// A field's default, edited with the widget the content editor will show
// for the field (the form generator, fed the field's own rules), so what
// can be typed here is what an item could hold.
import { FieldForm, type FieldValue } from '../../fields';
import { Select } from '../../ui/Select';
import { defaultDefinition, type DraftField } from './draft';

const BOOLEAN_CHOICES = [
  { id: 'true', name: 'On' },
  { id: 'false', name: 'Off' },
];

export function DefaultEditor({
  draft,
  error,
  onChange,
}: {
  draft: DraftField;
  /** The API's (or the client check's) message, worded as a predicate. */
  error: string | undefined;
  onChange(value: FieldValue): void;
}) {
  const description = 'Used when an item is saved without a value.';
  if (draft.kind === 'BOOLEAN') {
    // A switch cannot say "no default", which is not the same as off.
    return (
      <Select
        label="Default value"
        items={BOOLEAN_CHOICES}
        value={typeof draft.default === 'boolean' ? String(draft.default) : null}
        onChange={(key) => onChange(key === null ? null : key === 'true')}
        noneLabel="No default"
        description={description}
        error={error ? `Default value ${error}.` : undefined}
      />
    );
  }
  const def = defaultDefinition(draft);
  return (
    <div className="tb-default">
      <FieldForm
        fields={[def]}
        values={{ [def.apiId]: draft.default }}
        onChange={(_, value) => onChange(value)}
        errors={error ? { [`fields.${def.apiId}`]: error } : undefined}
      />
      <p className="field-description">{description} Leave empty for none.</p>
    </div>
  );
}

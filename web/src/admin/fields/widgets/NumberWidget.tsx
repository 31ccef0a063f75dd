// INTEGER and FLOAT on React Aria's NumberField (locale-aware parsing,
// steppers, arrow keys). Limits are checked and reported rather than
// clamped, so a typo is shown instead of silently changed.
import { Button, Group, Input, Label, NumberField } from 'react-aria-components';

import { FieldHelp } from '../../ui/FieldHelp';
import type { WidgetProps } from './props';

export function NumberWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const integer = def.kind === 'INTEGER';
  return (
    <NumberField
      className="field"
      value={typeof value === 'number' ? value : Number.NaN}
      onChange={(n) => onChange(Number.isNaN(n) ? null : n)}
      onBlur={onBlur}
      step={integer ? 1 : undefined}
      formatOptions={integer ? { maximumFractionDigits: 0, useGrouping: false } : { maximumFractionDigits: 12, useGrouping: false }}
      isRequired={def.required}
      isInvalid={!!error}
      validationBehavior="aria"
    >
      <Label className="field-label">{def.name}</Label>
      <Group className="input number-group">
        <Input className="number-input" />
        <Button slot="decrement" className="number-step">
          −
        </Button>
        <Button slot="increment" className="number-step">
          +
        </Button>
      </Group>
      <FieldHelp description={description} error={error} />
    </NumberField>
  );
}

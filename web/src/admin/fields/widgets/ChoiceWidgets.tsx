// BOOLEAN (a switch), SELECT (one option) and MULTI_SELECT (a group of
// checkboxes, with min/max counts).
import { useId } from 'react';
import { Checkbox, CheckboxGroup, Label, Switch } from 'react-aria-components';

import { FieldHelp, WiredFieldHelp } from '../../ui/FieldHelp';
import { Select } from '../../ui/Select';
import type { WidgetProps } from './props';

export function BooleanWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const descriptionId = useId();
  const errorId = useId();
  const describedBy = [description ? descriptionId : null, error ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <Switch
        className="switch"
        isSelected={value === true}
        onChange={onChange}
        onBlur={onBlur}
        aria-describedby={describedBy || undefined}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="field-label">{def.name}</span>
      </Switch>
      <WiredFieldHelp
        descriptionId={descriptionId}
        errorId={errorId}
        description={description}
        error={error}
      />
    </div>
  );
}

export function SelectWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  return (
    <Select
      label={def.name}
      items={def.options.map((o) => ({ id: o, name: o }))}
      value={typeof value === 'string' && value !== '' ? value : null}
      onChange={(key) => onChange(key === null ? null : String(key))}
      onBlur={onBlur}
      isRequired={def.required}
      description={description}
      error={error}
      placeholder="Choose…"
      // An optional field can be emptied again.
      noneLabel={def.required ? undefined : 'None'}
    />
  );
}

export function MultiSelectWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const chosen = Array.isArray(value) ? value : [];
  return (
    <CheckboxGroup
      className="field checkbox-group"
      value={[...chosen]}
      // Keep the options' order, whatever order they were ticked in.
      onChange={(next) => onChange(def.options.filter((o) => next.includes(o)))}
      onBlur={onBlur}
      isRequired={def.required}
      isInvalid={!!error}
      validationBehavior="aria"
    >
      <Label className="field-label">{def.name}</Label>
      <div className="checkbox-list">
        {def.options.map((option) => (
          <Checkbox key={option} value={option} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {option}
          </Checkbox>
        ))}
        {def.options.length === 0 ? <p className="field-description">No options defined.</p> : null}
      </div>
      <FieldHelp description={description} error={error} />
    </CheckboxGroup>
  );
}

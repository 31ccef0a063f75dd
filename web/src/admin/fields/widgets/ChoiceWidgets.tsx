// BOOLEAN (a switch), SELECT (one option) and MULTI_SELECT (a group of
// checkboxes, with min/max counts).
import { useId } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Switch,
  Text,
} from 'react-aria-components';

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
    </div>
  );
}

/** The key of the "no choice" item of an optional select. */
const NONE = '\u0000none';

export function SelectWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const options = def.options.map((o) => ({ id: o, name: o }));
  const items = def.required ? options : [{ id: NONE, name: 'None' }, ...options];
  const selected = typeof value === 'string' && value !== '' ? value : def.required ? null : NONE;
  return (
    <Select
      className="field"
      selectedKey={selected}
      onSelectionChange={(key) => onChange(key === null || key === NONE ? null : String(key))}
      onBlur={onBlur}
      isRequired={def.required}
      isInvalid={!!error}
      validationBehavior="aria"
      placeholder="Choose…"
    >
      <Label className="field-label">{def.name}</Label>
      <Button className="input select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="ed-popover">
        <ListBox className="ed-listbox" items={items}>
          {(item) => (
            <ListBoxItem className="ed-option" id={item.id} textValue={item.name}>
              {item.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
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
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </CheckboxGroup>
  );
}

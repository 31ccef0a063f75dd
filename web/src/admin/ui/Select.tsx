// A labelled single-choice drop-down on React Aria's Select (keyboard,
// type-ahead and screen-reader behaviour built in), with the shared popover
// and list box styles. `SelectOptions` is the popover alone, for selects
// that need their own trigger (multiple choice, an unlabelled toggle).
import type { ReactNode } from 'react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select as AriaSelect,
  SelectValue,
  type Key,
  type PopoverProps,
} from 'react-aria-components';

import { FieldHelp } from './FieldHelp';

export interface SelectItem {
  id: Key;
  name: string;
}

export function SelectOptions<T extends SelectItem>({
  items,
  renderItem = (item) => item.name,
  textValue = (item) => item.name,
  className,
  itemClassName,
  placement,
  fitTrigger = true,
}: {
  items: readonly T[];
  renderItem?: (item: T) => ReactNode;
  textValue?: (item: T) => string;
  /** Extra classes for the popover (an area's width or height). */
  className?: string;
  itemClassName?: string;
  placement?: PopoverProps['placement'];
  /** As wide as the trigger at least (false for a small icon-like trigger). */
  fitTrigger?: boolean;
}) {
  const classes = ['popover', fitTrigger ? 'popover-fit' : null, className].filter(Boolean).join(' ');
  return (
    <Popover className={classes} placement={placement}>
      <ListBox className="listbox" items={items}>
        {(item) => (
          <ListBoxItem
            id={item.id}
            textValue={textValue(item)}
            className={`listbox-item${itemClassName ? ` ${itemClassName}` : ''}`}
          >
            {renderItem(item)}
          </ListBoxItem>
        )}
      </ListBox>
    </Popover>
  );
}

/** The key of the "no choice" item: Select needs a real key for it. */
const NONE = '\u0000none';

export interface SelectProps<T extends SelectItem> {
  label: ReactNode;
  items: readonly T[];
  /** The chosen item's id; null for none (the `noneLabel` item, or the placeholder).
   * An id no item has shows as nothing chosen: callers that must say "none"
   * for it map it to null themselves. */
  value: Key | null;
  onChange(value: Key | null): void;
  onBlur?: () => void;
  description?: ReactNode;
  error?: string | undefined;
  isRequired?: boolean;
  /** What the closed select says while nothing is chosen and there is no "none" item. */
  placeholder?: string;
  /** Offer a first item with this name that means "no choice" (value null). */
  noneLabel?: string;
  renderItem?: (item: T) => ReactNode;
  textValue?: (item: T) => string;
  className?: string;
  labelClassName?: string;
  buttonClassName?: string;
  valueClassName?: string;
  popoverClassName?: string;
  itemClassName?: string;
  placement?: PopoverProps['placement'];
}

export function Select<T extends SelectItem>({
  label,
  items,
  value,
  onChange,
  onBlur,
  description,
  error,
  isRequired,
  placeholder,
  noneLabel,
  renderItem,
  textValue,
  className = 'field',
  labelClassName = 'field-label',
  buttonClassName = 'input select-button',
  valueClassName,
  popoverClassName,
  itemClassName,
  placement,
}: SelectProps<T>) {
  // The none item is shown like any other, so it reuses the item renderer's
  // shape: only its name is read.
  const all: readonly (T | SelectItem)[] =
    noneLabel === undefined ? items : [{ id: NONE, name: noneLabel }, ...items];
  const selected = value ?? (noneLabel === undefined ? null : NONE);
  return (
    <AriaSelect
      className={className}
      selectedKey={selected}
      onSelectionChange={(key) => onChange(key === null || key === NONE ? null : key)}
      onBlur={onBlur}
      isRequired={isRequired}
      isInvalid={!!error}
      validationBehavior="aria"
      placeholder={placeholder}
    >
      <Label className={labelClassName}>{label}</Label>
      <Button className={buttonClassName}>
        <SelectValue className={valueClassName} />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldHelp description={description} error={error} />
      <SelectOptions<T | SelectItem>
        items={all}
        renderItem={(item) => (item.id === NONE || !renderItem ? item.name : renderItem(item as T))}
        textValue={(item) => (item.id === NONE || !textValue ? item.name : textValue(item as T))}
        className={popoverClassName}
        itemClassName={itemClassName}
        placement={placement}
      />
    </AriaSelect>
  );
}

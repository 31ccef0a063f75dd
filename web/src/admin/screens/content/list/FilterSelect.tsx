// A labelled drop-down for one filter, single or multiple choice, on the
// shared Select (React Aria: keyboard, type-ahead, screen readers).
import type { Key } from 'react-aria-components';
import { Button, Label, Select as AriaSelect, SelectValue } from 'react-aria-components';

import { Select, SelectOptions } from '../../../ui/Select';

export interface Option {
  id: string;
  name: string;
}

interface Common {
  label: string;
  options: readonly Option[];
  /** What the closed select says when nothing is chosen. */
  placeholder: string;
}

export function MultiSelect({
  label,
  options,
  placeholder,
  value,
  onChange,
}: Common & { value: readonly string[]; onChange(value: string[]): void }) {
  // Ids from the URL that name nothing (a deleted tag) are not offered.
  const known = value.filter((v) => options.some((o) => o.id === v));
  // Multiple choice is the special case: its own summary of what is chosen.
  return (
    <AriaSelect
      className="list-filter"
      selectionMode="multiple"
      placeholder={placeholder}
      value={known}
      onChange={(keys: Key[]) => onChange(keys.map(String))}
    >
      <Label className="list-filter-label">{label}</Label>
      <Button className="list-select-button">
        <SelectValue className="list-select-value">
          {({ selectedItems, isPlaceholder }) =>
            isPlaceholder
              ? placeholder
              : selectedItems.length > 2
                ? `${selectedItems.length} selected`
                : selectedItems.map((item) => (item as Option | null)?.name ?? '').join(', ')
          }
        </SelectValue>
        <span aria-hidden="true">▾</span>
      </Button>
      <SelectOptions items={options} itemClassName="list-option" placement="bottom start" />
    </AriaSelect>
  );
}

export function SingleSelect({
  label,
  options,
  placeholder,
  value,
  onChange,
}: Common & { value: string | null; onChange(value: string | null): void }) {
  // An id from the URL that names nothing shows as "any".
  const known = value !== null && options.some((o) => o.id === value) ? value : null;
  return (
    <Select
      label={label}
      items={options}
      value={known}
      onChange={(key) => onChange(key === null ? null : String(key))}
      noneLabel={placeholder}
      className="list-filter"
      labelClassName="list-filter-label"
      buttonClassName="list-select-button"
      valueClassName="list-select-value"
      itemClassName="list-option"
      placement="bottom start"
    />
  );
}

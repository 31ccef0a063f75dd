// A labelled drop-down for one filter, single or multiple choice, on React
// Aria's Select (keyboard, type-ahead and screen-reader behaviour built in).
import type { Key } from 'react-aria-components';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';

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

function Items({ options }: { options: readonly Option[] }) {
  return (
    <Popover className="list-popover" placement="bottom start">
      <ListBox className="list-listbox" items={options}>
        {(option) => (
          <ListBoxItem id={option.id} textValue={option.name} className="list-option">
            {option.name}
          </ListBoxItem>
        )}
      </ListBox>
    </Popover>
  );
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
  return (
    <Select
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
      <Items options={options} />
    </Select>
  );
}

/** The empty choice's key: Select needs a real key for "any". */
const ANY = '__any__';

export function SingleSelect({
  label,
  options,
  placeholder,
  value,
  onChange,
}: Common & { value: string | null; onChange(value: string | null): void }) {
  const all = [{ id: ANY, name: placeholder }, ...options];
  const known = value !== null && options.some((o) => o.id === value) ? value : ANY;
  return (
    <Select
      className="list-filter"
      value={known}
      onChange={(key) => onChange(key === null || key === ANY ? null : String(key))}
    >
      <Label className="list-filter-label">{label}</Label>
      <Button className="list-select-button">
        <SelectValue className="list-select-value" />
        <span aria-hidden="true">▾</span>
      </Button>
      <Items options={all} />
    </Select>
  );
}

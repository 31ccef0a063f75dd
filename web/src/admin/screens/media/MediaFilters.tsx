// The library's filter bar: text (file name, title, alt text), type family,
// unused files only, order, and grid or list.
import { Button as AriaButton, Switch, ToggleButton, ToggleButtonGroup } from 'react-aria-components';

import { SearchFilter } from '../../ui/SearchFilter';
import { Select } from '../../ui/Select';
import { FAMILIES, isFamily } from './format';
import type { LibraryView } from './params';

/** The library's search box (the picker's too). */
export function MediaSearch({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange(text: string): void;
  label?: string;
}) {
  return (
    <SearchFilter
      value={value}
      onChange={onChange}
      label={label}
      placeholder="File name, title or alt text"
    />
  );
}

const ORDERS = [
  { id: 'NEWEST', name: 'Newest first' },
  { id: 'OLDEST', name: 'Oldest first' },
];

export function MediaFilters({
  view,
  onChange,
}: {
  view: LibraryView;
  onChange(patch: Partial<LibraryView>, replace?: boolean): void;
}) {
  const filtered = view.text !== '' || view.family !== null || view.unused;
  return (
    <div className="media-filters" role="search" aria-label="Filter files">
      <MediaSearch value={view.text} onChange={(text) => onChange({ text, file: null }, true)} />
      <Select
        label="Type"
        items={FAMILIES}
        value={view.family}
        onChange={(key) => {
          const id = key === null ? null : String(key);
          onChange({ family: isFamily(id) ? id : null });
        }}
        noneLabel="Any type"
        className="list-filter"
        labelClassName="list-filter-label"
        buttonClassName="input media-select"
      />
      {!view.trash ? (
        <Switch
          className="media-switch"
          isSelected={view.unused}
          onChange={(unused) => onChange({ unused })}
        >
          <span className="media-switch-track" aria-hidden="true">
            <span className="media-switch-thumb" />
          </span>
          Unused only
        </Switch>
      ) : null}
      <Select
        label="Order"
        items={ORDERS}
        value={view.order}
        onChange={(key) => onChange({ order: key === 'OLDEST' ? 'OLDEST' : 'NEWEST' })}
        className="list-filter"
        labelClassName="list-filter-label"
        buttonClassName="input media-select"
      />
      {filtered ? (
        <AriaButton
          className="btn btn-ghost btn-sm media-clear"
          onPress={() => onChange({ text: '', family: null, unused: false })}
        >
          Clear filters
        </AriaButton>
      ) : null}
      <span className="media-spacer" />
      <ToggleButtonGroup
        aria-label="Show files as"
        className="media-layout-toggle"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[view.layout]}
        onSelectionChange={(keys) => {
          const next = [...keys][0];
          if (next === 'grid' || next === 'list') onChange({ layout: next });
        }}
      >
        <ToggleButton id="grid" className="btn btn-sm btn-secondary">
          Grid
        </ToggleButton>
        <ToggleButton id="list" className="btn btn-sm btn-secondary">
          List
        </ToggleButton>
      </ToggleButtonGroup>
    </div>
  );
}

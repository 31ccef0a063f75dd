// The library's filter bar: text (file name, title, alt text), type family,
// unused files only, order, and grid or list.
import { useEffect, useRef, useState } from 'react';
import {
  Button as AriaButton,
  Input,
  Label,
  SearchField,
  Switch,
  ToggleButton,
  ToggleButtonGroup,
} from 'react-aria-components';

import { Select } from '../../ui/Select';
import { FAMILIES, isFamily } from './format';
import type { LibraryView } from './params';

const DEBOUNCE_MS = 300;

/** A search box that reports what was typed after a pause (or at once on Enter). */
export function MediaSearch({
  value,
  onChange,
  label = 'Search',
}: {
  value: string;
  onChange(text: string): void;
  label?: string;
}) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Back/forward or "clear filters" changed the value: show it.
  useEffect(() => {
    if (value !== sent.current) {
      clearTimeout(timer.current);
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const send = (next: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      sent.current = next;
      onChange(next);
    }, delay);
  };
  return (
    <SearchField
      className="media-filter media-search"
      value={text}
      onChange={(next) => {
        setText(next);
        send(next, DEBOUNCE_MS);
      }}
      onSubmit={(next) => send(next, 0)}
      onClear={() => send('', 0)}
    >
      <Label className="media-filter-label">{label}</Label>
      <div className="media-search-box">
        <Input className="input" placeholder="File name, title or alt text" />
        {text ? (
          <AriaButton className="media-icon-button" aria-label="Clear search">
            ✕
          </AriaButton>
        ) : null}
      </div>
    </SearchField>
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
        className="media-filter"
        labelClassName="media-filter-label"
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
        className="media-filter"
        labelClassName="media-filter-label"
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

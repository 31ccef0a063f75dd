// The audit log's filter bar: actor, action, target and days, each read from
// and written to the URL through `update`. Typed text is sent after a pause
// (replacing the history entry, so back does not step through keystrokes);
// a picked suggestion at once.
import { useQuery } from '@apollo/client/react';
import { memo, useEffect, useRef, useState } from 'react';
import {
  Button,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  TextField,
} from 'react-aria-components';

import { useSession } from '../../session/session';
import { Button as ActionButton } from '../../ui/Button';
import { useDebouncedText } from '../../ui/SearchFilter';
import { DateRangeFilter } from '../content/list/DateRangeFilter';
import { AuditActorQuery, AuditActorSearchQuery } from './operations';
import { KNOWN_ACTIONS, KNOWN_TARGET_TYPES, kindLabel } from './targets';
import { NO_AUDIT_FILTERS, UUID, type AuditView } from './view';

const DEBOUNCE_MS = 400;

type Update = (patch: Partial<AuditView>, options?: { replace?: boolean }) => void;

function ClearButton({ label, onPress }: { label: string; onPress(): void }) {
  return (
    <Button className="list-icon-button audit-clear" aria-label={label} onPress={onPress}>
      ✕
    </Button>
  );
}

/** Free text with suggestions: an action name or a target kind. */
function SuggestFilter({
  label,
  placeholder,
  suggestions,
  describe,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  suggestions: readonly string[];
  describe?: (suggestion: string) => string;
  value: string;
  onChange(value: string): void;
}) {
  const { text, setText, send, clear } = useDebouncedText(value, onChange, {
    delay: DEBOUNCE_MS,
    trim: true,
  });
  const needle = text.trim().toLowerCase();
  const items = suggestions
    .filter((s) => s.includes(needle) || (describe?.(s).toLowerCase().includes(needle) ?? false))
    .map((s) => ({ id: s }));
  return (
    <ComboBox
      className="list-filter audit-combo"
      allowsCustomValue
      allowsEmptyCollection
      menuTrigger="focus"
      items={items}
      inputValue={text}
      onInputChange={(next) => {
        setText(next);
        send(next);
      }}
      onSelectionChange={(key) => {
        if (key === null) return;
        setText(String(key));
        send(String(key), 0);
      }}
    >
      <Label className="list-filter-label">{label}</Label>
      <div className="audit-combo-box">
        <Input className="input audit-combo-input" placeholder={placeholder} />
        {text ? (
          <ClearButton
            label={`Clear ${label.toLowerCase()}`}
            onPress={clear}
          />
        ) : null}
        <Button className="list-icon-button" aria-label={`Show ${label.toLowerCase()} suggestions`}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <Popover className="popover popover-fit audit-popover" placement="bottom start">
        <ListBox
          className="listbox"
          renderEmptyState={() => (
            <p className="audit-empty-option">No suggestion: any text works.</p>
          )}
        >
          {(item: { id: string }) => (
            <ListBoxItem id={item.id} textValue={item.id} className="listbox-item audit-option">
              <code>{item.id}</code>
              {describe ? <span className="audit-option-meta">{describe(item.id)}</span> : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** A plain text filter (a target id, an actor id). */
function TextFilter({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
}) {
  const { text, setText, send, clear } = useDebouncedText(value, onChange, {
    delay: DEBOUNCE_MS,
    trim: true,
  });
  return (
    <TextField
      className="list-filter audit-text"
      value={text}
      onChange={(next) => {
        setText(next);
        send(next);
      }}
    >
      <Label className="list-filter-label">{label}</Label>
      <div className="audit-combo-box">
        <Input
          className="input audit-combo-input"
          placeholder={placeholder}
          spellCheck={false}
          onKeyDown={(e) => {
            if (e.key === 'Enter') send(text, 0);
          }}
        />
        {text ? (
          <ClearButton
            label={`Clear ${label.toLowerCase()}`}
            onPress={clear}
          />
        ) : null}
      </div>
    </TextField>
  );
}

/**
 * The actor: a user picked by name or email (for holders of `users.read`),
 * or an id pasted in (a deleted user's, from another entry).
 */
function ActorFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange(id: string | null): void;
}) {
  // The user last picked here: their name is known without asking (and the
  // input's text must not change under the open list, which would reopen it).
  const [picked, setPicked] = useState<{ id: string; name: string }>();
  const known = value && picked?.id === value ? picked.name : undefined;
  const chosen = useQuery(AuditActorQuery, {
    variables: { id: value ?? '' },
    skip: !value || known !== undefined,
  });
  const chosenLabel = value ? (known ?? chosen.data?.user?.displayName ?? value) : '';
  const [text, setText] = useState(chosenLabel);
  const [search, setSearch] = useState('');
  // Show the chosen actor's name once known (a pasted id turns into a name),
  // or nothing when cleared; not while typing, where a changed text would
  // reopen the list.
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(chosenLabel);
  }, [chosenLabel]);
  useEffect(() => {
    const typed = text.trim();
    const timer = setTimeout(
      () => setSearch(typed === chosenLabel || UUID.test(typed) ? '' : typed),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [text, chosenLabel]);
  const results = useQuery(AuditActorSearchQuery, { variables: { search: search || null } });
  const users = results.data?.users.nodes ?? [];

  return (
    <ComboBox
      className="list-filter audit-combo audit-actor"
      allowsCustomValue
      allowsEmptyCollection
      menuTrigger="focus"
      items={users}
      inputValue={text}
      selectedKey={value && users.some((u) => u.id === value) ? value : null}
      onInputChange={(next) => {
        setText(next);
        const typed = next.trim();
        if (UUID.test(typed)) onChange(typed.toLowerCase());
        else if (typed === '' && value) onChange(null);
      }}
      onSelectionChange={(key) => {
        if (key === null) return;
        const user = users.find((u) => u.id === key);
        if (user) {
          setPicked({ id: user.id, name: user.displayName });
          setText(user.displayName);
        }
        onChange(String(key));
      }}
      onFocus={() => (focused.current = true)}
      onBlur={() => {
        focused.current = false;
        setText(chosenLabel);
      }}
    >
      <Label className="list-filter-label">Actor</Label>
      <div className="audit-combo-box">
        <Input className="input audit-combo-input" placeholder="Name, email or id" />
        {value ? (
          <ClearButton
            label="Clear actor"
            onPress={() => {
              setText('');
              onChange(null);
            }}
          />
        ) : null}
        <Button className="list-icon-button" aria-label="Show users">
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <Popover className="popover popover-fit audit-popover" placement="bottom start">
        <ListBox
          className="listbox"
          renderEmptyState={() => (
            <p className="audit-empty-option">
              {results.loading ? 'Searching…' : 'No matching user. A user id works too.'}
            </p>
          )}
        >
          {(user: (typeof users)[number]) => (
            <ListBoxItem
              id={user.id}
              textValue={user.displayName}
              className="listbox-item audit-option"
            >
              <span>{user.displayName}</span>
              <span className="audit-option-meta">{user.email}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

/** Memoised: a new page of entries must not re-render the filter widgets. */
export const AuditFilters = memo(function AuditFilters({
  view,
  update,
  active,
}: {
  view: AuditView;
  update: Update;
  active: boolean;
}) {
  const session = useSession();
  return (
    <div className="list-filters" role="search" aria-label="Filter the audit log">
      <div className="list-filter-row">
        {session.can('users.read') ? (
          <ActorFilter value={view.actor} onChange={(actor) => update({ actor })} />
        ) : (
          <TextFilter
            label="Actor id"
            placeholder="Anyone"
            value={view.actor ?? ''}
            onChange={(id) =>
              update({ actor: UUID.test(id) ? id.toLowerCase() : null }, { replace: true })
            }
          />
        )}
        <SuggestFilter
          label="Action"
          placeholder="Any action"
          suggestions={KNOWN_ACTIONS}
          value={view.action}
          onChange={(action) => update({ action }, { replace: true })}
        />
        <SuggestFilter
          label="Target type"
          placeholder="Any target"
          suggestions={KNOWN_TARGET_TYPES}
          describe={kindLabel}
          value={view.targetType}
          onChange={(targetType) => update({ targetType }, { replace: true })}
        />
        <TextFilter
          label="Target id"
          placeholder="Any id"
          value={view.targetId}
          onChange={(targetId) => update({ targetId }, { replace: true })}
        />
      </div>
      <div className="list-filter-row">
        <DateRangeFilter label="Days" value={view.days} onChange={(days) => update({ days })} />
        <span className="list-spacer" />
        {active ? (
          <ActionButton size="sm" variant="ghost" onPress={() => update(NO_AUDIT_FILTERS)}>
            Clear filters
          </ActionButton>
        ) : null}
      </div>
    </div>
  );
});

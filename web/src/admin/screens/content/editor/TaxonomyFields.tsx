// Category (one, from the tree) and tags (any number, added by search).
import { useMemo, useState } from 'react';
import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Tag,
  TagGroup,
  TagList,
  useFilter,
} from 'react-aria-components';

import { Select } from '../../../ui/Select';

export interface CategoryOption {
  id: string;
  name: string;
  parentId?: string | null;
}

/** Categories in tree order with their depth (orphans and cycles end up at the root). */
export function categoryTree(categories: readonly CategoryOption[]): { id: string; name: string; depth: number }[] {
  const children = new Map<string | null, CategoryOption[]>();
  const ids = new Set(categories.map((c) => c.id));
  for (const c of categories) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: { id: string; name: string; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ id: c.id, name: c.name, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  // A cycle never reaches the root: list what is left flat.
  for (const c of categories) if (!seen.has(c.id)) out.push({ id: c.id, name: c.name, depth: 0 });
  return out;
}

export function CategorySelect({
  categories,
  value,
  onChange,
  error,
}: {
  categories: readonly CategoryOption[];
  value: string | null;
  onChange(id: string | null): void;
  error: string | undefined;
}) {
  const items = useMemo(() => categoryTree(categories), [categories]);
  return (
    <Select
      label="Category"
      items={items}
      value={value}
      onChange={(key) => onChange(key === null ? null : String(key))}
      error={error}
      noneLabel="No category"
      renderItem={(item) => (
        <span style={{ paddingInlineStart: `${item.depth * 1.25}rem` }}>{item.name}</span>
      )}
    />
  );
}

/** The list entry that makes a new tag from the typed text. */
const CREATE = '\u0000create';

export function TagPicker({
  tags,
  value,
  onChange,
  error,
  onCreate,
}: {
  tags: readonly { id: string; name: string }[];
  value: readonly string[];
  onChange(ids: string[]): void;
  error: string | undefined;
  /** Makes a tag and answers its id; absent when the user may not. */
  onCreate?: (name: string) => Promise<string>;
}) {
  const { contains } = useFilter({ sensitivity: 'base' });
  const [text, setText] = useState('');
  const [createError, setCreateError] = useState<string>();
  const byId = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const chosen = value.map((id) => byId.get(id) ?? { id, name: 'Deleted tag' });
  const choices = tags.filter((t) => !value.includes(t.id) && contains(t.name, text));
  const typed = text.trim();
  const exists = tags.some((t) => t.name.localeCompare(typed, undefined, { sensitivity: 'base' }) === 0);
  const items =
    onCreate && typed !== '' && !exists
      ? [...choices, { id: CREATE, name: `Create tag “${typed}”` }]
      : choices;
  const shownError = error ?? createError;

  const create = async (name: string) => {
    if (!onCreate) return;
    setCreateError(undefined);
    try {
      const id = await onCreate(name);
      onChange([...value, id]);
      setText('');
    } catch (failure) {
      setCreateError(failure instanceof Error ? failure.message : 'The tag could not be created.');
    }
  };

  return (
    <div className="field" data-invalid={shownError ? true : undefined}>
      <TagGroup
        className="tag-group"
        onRemove={(keys) => onChange(value.filter((id) => !keys.has(id)))}
      >
        <Label className="field-label">Tags</Label>
        <TagList
          className="tag-list"
          items={chosen}
          renderEmptyState={() => <span className="field-description">No tags.</span>}
        >
          {(tag) => (
            <Tag className="tag" id={tag.id} textValue={tag.name}>
              {tag.name}
              <Button slot="remove" className="tag-remove" aria-label={`Remove ${tag.name}`}>
                ×
              </Button>
            </Tag>
          )}
        </TagList>
      </TagGroup>
      <ComboBox
        className="field tag-add"
        aria-label="Add a tag"
        items={items}
        inputValue={text}
        onInputChange={setText}
        selectedKey={null}
        onSelectionChange={(key) => {
          if (key === null) return;
          if (key === CREATE) {
            void create(typed);
            return;
          }
          onChange([...value, String(key)]);
          setText('');
        }}
        menuTrigger="focus"
        allowsEmptyCollection
        isInvalid={!!shownError}
        validationBehavior="aria"
      >
        <div className="input combo-group">
          <Input className="combo-input" placeholder="Add a tag…" />
          <Button className="combo-button">
            <span aria-hidden="true">▾</span>
          </Button>
        </div>
        <FieldError className="field-error">{shownError}</FieldError>
        <Popover className="popover popover-fit">
          <ListBox
            className="listbox"
            renderEmptyState={() => <p className="ed-listbox-empty">No more tags.</p>}
          >
            {(tag: { id: string; name: string }) => (
              <ListBoxItem className="listbox-item" id={tag.id} textValue={tag.name}>
                {tag.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
    </div>
  );
}

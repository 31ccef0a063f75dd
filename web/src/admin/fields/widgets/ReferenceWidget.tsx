// REFERENCE: a combo box searching items of the field's `referenceType` by
// title. The value is the chosen item's id; the input shows its title.
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import {
  Button,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
} from 'react-aria-components';

import { EditorReferenceSearchQuery, EditorReferenceTitleQuery } from '../../api/editor';
import { FieldHelp } from '../../ui/FieldHelp';
import type { WidgetProps } from './props';

/** Wait this long after typing before searching. */
const SEARCH_DELAY_MS = 250;

export interface ReferenceWidgetProps extends WidgetProps {
  /** The current item's title when the page already knows it. */
  knownTitle: string | undefined;
}

export function ReferenceWidget({
  def,
  value,
  onChange,
  onBlur,
  error,
  description,
  knownTitle,
}: ReferenceWidgetProps) {
  const id = typeof value === 'string' && value !== '' ? value : null;
  // The item last chosen here: its title is known without asking.
  const [picked, setPicked] = useState<{ id: string; title: string } | null>(null);
  const localTitle = knownTitle ?? (picked && picked.id === id ? picked.title : undefined);
  const titleQuery = useQuery(EditorReferenceTitleQuery, {
    variables: { id: id ?? '' },
    skip: !id || localTitle !== undefined,
  });
  const currentTitle =
    localTitle ??
    titleQuery.data?.content?.title ??
    (id && !titleQuery.loading ? 'Unknown or hidden item' : '');

  const [text, setText] = useState(currentTitle);
  const [search, setSearch] = useState('');
  // Show the referenced item's title once it is known (or the id changes).
  useEffect(() => setText(currentTitle), [currentTitle]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text === currentTitle ? '' : text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, currentTitle]);

  const results = useQuery(EditorReferenceSearchQuery, {
    variables: { types: def.referenceType ? [def.referenceType] : null, text: search || null },
  });
  const items = results.data?.contents.nodes ?? [];
  // The current item stays choosable even when the search does not find it.
  const withCurrent =
    id && !items.some((i) => i.id === id) ? [{ id, title: currentTitle, status: '' }, ...items] : items;

  return (
    <ComboBox
      className="field"
      items={withCurrent}
      selectedKey={id}
      inputValue={text}
      onInputChange={setText}
      onSelectionChange={(key) => {
        if (key === null) return;
        const chosen = withCurrent.find((i) => i.id === key);
        setPicked({ id: String(key), title: chosen?.title ?? '' });
        setText(chosen?.title ?? '');
        onChange(String(key));
      }}
      onBlur={() => {
        // Leaving the input with edited text keeps the chosen item.
        setText(currentTitle);
        onBlur();
      }}
      menuTrigger="focus"
      allowsEmptyCollection
      isRequired={def.required}
      isInvalid={!!error}
      validationBehavior="aria"
    >
      <Label className="field-label">{def.name}</Label>
      <div className="input combo-group">
        <Input className="combo-input" placeholder={`Search ${def.referenceType ?? 'items'}…`} />
        {id && !def.required ? (
          <Button
            className="combo-clear"
            aria-label={`Clear ${def.name}`}
            onPress={() => {
              setText('');
              onChange(null);
            }}
          >
            ×
          </Button>
        ) : null}
        <Button className="combo-button">
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <FieldHelp description={description} error={error} />
      <Popover className="popover popover-fit">
        <ListBox
          className="listbox"
          renderEmptyState={() => (
            <p className="ed-listbox-empty">{results.loading ? 'Searching…' : 'No matching items.'}</p>
          )}
        >
          {(item: (typeof withCurrent)[number]) => (
            <ListBoxItem className="listbox-item" id={item.id} textValue={item.title}>
              {item.title || 'Untitled'}
              {item.status ? (
                <span className="ed-option-meta"> · {item.status.toLowerCase().replace(/_/g, ' ')}</span>
              ) : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

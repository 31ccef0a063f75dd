// A filter's typed text, sent after a pause so that a list is not fetched
// (nor a history entry written) for every keystroke.
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';

const DEBOUNCE_MS = 300;

/**
 * The text of a filter whose value lives elsewhere (the URL): it follows
 * that value when it changes from outside (back/forward, "clear filters"),
 * and `send` reports typed text after `delay` ms, or at once with 0;
 * `clear` empties it at once.
 */
export function useDebouncedText(
  value: string,
  onChange: (value: string) => void,
  { delay = DEBOUNCE_MS, trim = false }: { delay?: number; trim?: boolean } = {},
) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (value !== sent.current) {
      clearTimeout(timer.current);
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const send = (next: string, wait = delay) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const final = trim ? next.trim() : next;
      if (final === sent.current) return;
      sent.current = final;
      onChange(final);
    }, wait);
  };
  const clear = () => {
    setText('');
    send('', 0);
  };
  return { text, setText, send, clear };
}

/** A search box for a filter bar: Enter and the clear button send at once. */
export function SearchFilter({
  value,
  onChange,
  placeholder,
  label = 'Search',
}: {
  value: string;
  onChange(value: string): void;
  placeholder: string;
  label?: string;
}) {
  const { text, setText, send } = useDebouncedText(value, onChange);
  return (
    <SearchField
      className="list-filter list-search"
      value={text}
      onChange={(next) => {
        setText(next);
        send(next);
      }}
      onSubmit={(next) => send(next, 0)}
      onClear={() => send('', 0)}
    >
      <Label className="list-filter-label">{label}</Label>
      <div className="list-search-box">
        <Input className="input" placeholder={placeholder} />
        {text ? (
          <Button className="list-icon-button" aria-label="Clear search">
            ✕
          </Button>
        ) : null}
      </div>
    </SearchField>
  );
}

// The text filter: typing updates the URL after a pause (and replaces the
// history entry, so back does not step through every keystroke).
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';

const DEBOUNCE_MS = 300;

export function TextFilter({
  value,
  onChange,
  placeholder = 'Title or excerpt',
}: {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
}) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Back/forward or "clear filters" changed the URL: show what it says.
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
      className="list-filter list-search"
      value={text}
      onChange={(next) => {
        setText(next);
        send(next, DEBOUNCE_MS);
      }}
      onSubmit={(next) => send(next, 0)}
      onClear={() => send('', 0)}
    >
      <Label className="list-filter-label">Search</Label>
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

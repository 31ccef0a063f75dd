// Light, dark or the system's choice.
import { useEffect, useState } from 'react';
import { Button, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

import { applyTheme, storedTheme, type ThemeChoice } from '../theme';

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  // The command palette changes the theme too, and says so with this event.
  useEffect(() => {
    const sync = () => setChoice(storedTheme());
    window.addEventListener('vellum:theme', sync);
    return () => window.removeEventListener('vellum:theme', sync);
  }, []);
  return (
    <Select
      aria-label="Theme"
      className="theme-select"
      selectedKey={choice}
      onSelectionChange={(key) => {
        const next = key as ThemeChoice;
        setChoice(next);
        applyTheme(next);
      }}
    >
      <Button className="btn btn-ghost btn-sm">
        <SelectValue />
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          <ListBoxItem id="system" className="listbox-item">
            System theme
          </ListBoxItem>
          <ListBoxItem id="light" className="listbox-item">
            Light
          </ListBoxItem>
          <ListBoxItem id="dark" className="listbox-item">
            Dark
          </ListBoxItem>
        </ListBox>
      </Popover>
    </Select>
  );
}

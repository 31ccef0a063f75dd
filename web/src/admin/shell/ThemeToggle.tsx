// Light, dark or the system's choice.
import { useEffect, useState } from 'react';
import { Button, Select, SelectValue } from 'react-aria-components';

import { applyTheme, storedTheme, type ThemeChoice } from '../theme';
import { SelectOptions } from '../ui/Select';

const CHOICES: readonly { id: ThemeChoice; name: string }[] = [
  { id: 'system', name: 'System theme' },
  { id: 'light', name: 'Light' },
  { id: 'dark', name: 'Dark' },
];

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
      {/* No visible label (the button shows the choice): not the labelled ui/Select. */}
      <SelectOptions items={CHOICES} fitTrigger={false} />
    </Select>
  );
}

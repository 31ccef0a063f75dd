// Light, dark, or whatever the system prefers: kept in localStorage and
// applied as `data-theme` on <html> before the first paint (main.tsx).
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'vellum.theme';

export function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The theme a choice means now. */
export function resolvedTheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  document.documentElement.dataset.theme = resolvedTheme(choice);
}

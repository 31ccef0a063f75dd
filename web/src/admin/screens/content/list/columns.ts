// Which optional columns the list shows, remembered in localStorage (a
// per-browser preference, not part of the shareable view).
import { useCallback, useState } from 'react';

export const OPTIONAL_COLUMNS = [
  { id: 'status', name: 'Status' },
  { id: 'type', name: 'Type' },
  { id: 'author', name: 'Author' },
  { id: 'category', name: 'Category' },
  { id: 'tags', name: 'Tags' },
  { id: 'updated', name: 'Updated' },
  { id: 'published', name: 'Published' },
  { id: 'created', name: 'Created' },
  { id: 'version', name: 'Version' },
] as const;

export type ColumnId = (typeof OPTIONAL_COLUMNS)[number]['id'];

// Lean by default: every cell costs render time (React Aria cells are
// interactive grid cells), and the 50-row page must render in 200 ms.
const DEFAULT: readonly ColumnId[] = ['status', 'type', 'author', 'updated'];
const STORAGE_KEY = 'vellum.contentList.columns';

function isColumn(value: unknown): value is ColumnId {
  return OPTIONAL_COLUMNS.some((c) => c.id === value);
}

function load(): ColumnId[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(stored)) return stored.filter(isColumn);
  } catch {
    // Unreadable or blocked storage: fall back to the defaults.
  }
  return [...DEFAULT];
}

export function useColumns() {
  const [columns, setState] = useState<ColumnId[]>(load);
  const setColumns = useCallback((next: Iterable<unknown>) => {
    // Keep the table's order whatever order the menu reports.
    const chosen = new Set([...next].filter(isColumn));
    const ordered = OPTIONAL_COLUMNS.map((c) => c.id).filter((id) => chosen.has(id));
    setState(ordered);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(ordered));
    } catch {
      // Storage full or blocked: the choice lasts for this visit only.
    }
  }, []);
  return { columns, setColumns };
}

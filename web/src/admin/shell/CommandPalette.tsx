// The command palette (Ctrl/Cmd+K anywhere, or the "Search…" button): jump
// to a screen, run an action, or open an item found by its title. React
// Aria's Autocomplete keeps focus in the search field while the arrow keys
// move through the menu and Enter runs the highlighted entry.
import '../styles/palette.css';

import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import {
  Autocomplete,
  Button as AriaButton,
  Dialog,
  Header,
  Input,
  Keyboard,
  Menu,
  MenuItem,
  MenuSection,
  Modal,
  ModalOverlay,
  SearchField,
} from 'react-aria-components';
import { useNavigate } from 'react-router';

import { errorMessage } from '../api/errors';
import { PaletteSearchQuery } from '../api/palette';
import { useSession } from '../session/session';
import { applyTheme, resolvedTheme, storedTheme } from '../theme';
import { statusLabel } from '../ui/status';
import { ShellContentTypesQuery } from './Shell';

interface Entry {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

/** Wait this long after the last keystroke before searching items. */
const SEARCH_DELAY_MS = 250;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = isMac ? '⌘K' : 'Ctrl K';

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

function matches(entry: Entry, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || entry.label.toLowerCase().includes(q);
}

/** Ctrl/Cmd+K toggles the palette from anywhere in the admin. */
function useShortcut(toggle: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);
}

function Palette({ close }: { close(): void }) {
  const navigate = useNavigate();
  const session = useSession();
  const types = useQuery(ShellContentTypesQuery);
  const [query, setQuery] = useState('');
  const text = useDebounced(query.trim(), SEARCH_DELAY_MS);
  const search = useQuery(PaletteSearchQuery, {
    variables: { text },
    skip: text === '',
    fetchPolicy: 'network-only',
  });

  const go = (to: string) => () => void navigate(to);
  const screens: Entry[] = [
    { id: 'screen:dashboard', label: 'Dashboard', run: go('/admin') },
    { id: 'screen:content', label: 'All content', run: go('/admin/content') },
  ];
  for (const type of types.data?.contentTypes ?? []) {
    screens.push(
      {
        id: `screen:type:${type.apiId}`,
        label: `${type.name} list`,
        run: go(`/admin/content/${type.apiId}`),
      },
      {
        id: `screen:new:${type.apiId}`,
        label: `New ${type.name}`,
        run: go(`/admin/content/${type.apiId}/new`),
      },
    );
  }
  const actions: Entry[] = [
    {
      id: 'action:theme',
      label: 'Toggle theme',
      hint: resolvedTheme(storedTheme()) === 'dark' ? 'to light' : 'to dark',
      run: () => {
        applyTheme(resolvedTheme(storedTheme()) === 'dark' ? 'light' : 'dark');
        window.dispatchEvent(new Event('vellum:theme'));
      },
    },
    { id: 'action:sign-out', label: 'Sign out', run: () => void session.signOut() },
  ];
  const searching = text !== '' && (search.loading || text !== query.trim());
  const items: Entry[] =
    text === '' || text !== query.trim()
      ? []
      : (search.data?.contents.nodes ?? []).map((item) => ({
          id: `item:${item.id}`,
          label: item.title.trim() || 'Untitled',
          hint: `${item.type.name} · ${statusLabel(item.status)}`,
          run: go(`/admin/items/${item.id}`),
        }));

  const sections = [
    { id: 'items', title: 'Items', entries: items },
    { id: 'screens', title: 'Screens', entries: screens.filter((e) => matches(e, query)) },
    { id: 'actions', title: 'Actions', entries: actions.filter((e) => matches(e, query)) },
  ].filter((s) => s.entries.length > 0);
  const byId = new Map(sections.flatMap((s) => s.entries.map((e) => [e.id, e] as const)));

  let status = '';
  if (searching) status = 'Searching items…';
  else if (search.error && text !== '')
    status = `Item search failed: ${errorMessage(search.error)}`;
  else if (text !== '')
    status =
      items.length === 0
        ? 'No items match.'
        : `${items.length} item${items.length === 1 ? '' : 's'} found.`;

  return (
    <Autocomplete inputValue={query} onInputChange={setQuery}>
      <SearchField
        aria-label="Search screens, actions and items"
        className="palette-search"
        autoFocus
      >
        <Input className="palette-input" placeholder="Search screens, actions and items…" />
      </SearchField>
      <p className="palette-status" role="status" aria-live="polite">
        {status}
        {search.error && text !== '' ? (
          <>
            {' '}
            <AriaButton className="link palette-retry" onPress={() => void search.refetch()}>
              Try again
            </AriaButton>
          </>
        ) : null}
      </p>
      <Menu
        className="palette-menu"
        aria-label="Results"
        onAction={(key) => {
          const entry = byId.get(String(key));
          if (!entry) return;
          close();
          entry.run();
        }}
        renderEmptyState={() => <p className="palette-empty">Nothing matches “{query}”.</p>}
      >
        {sections.map((section) => (
          <MenuSection key={section.id} id={section.id} className="palette-section">
            <Header className="palette-section-title">{section.title}</Header>
            {section.entries.map((entry) => (
              <MenuItem
                key={entry.id}
                id={entry.id}
                textValue={entry.label}
                className="palette-item"
              >
                {/* Plain text, not label/description slots: the whole visible
                    text is the item's name (what speech input users say). */}
                <span>{entry.label}</span>
                {entry.hint ? <span className="palette-hint"> {entry.hint}</span> : null}
              </MenuItem>
            ))}
          </MenuSection>
        ))}
      </Menu>
    </Autocomplete>
  );
}

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const toggle = useMemo(() => () => setOpen((o) => !o), []);
  useShortcut(toggle);
  return (
    <>
      <AriaButton
        className="btn btn-secondary btn-sm palette-button"
        onPress={() => setOpen(true)}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      >
        <span>Search…</span>
        <Keyboard className="palette-kbd">{SHORTCUT}</Keyboard>
      </AriaButton>
      <ModalOverlay
        className="modal-overlay palette-overlay"
        isOpen={open}
        onOpenChange={setOpen}
        isDismissable
      >
        <Modal className="modal palette-modal">
          <Dialog className="palette-dialog" aria-label="Command palette">
            <Palette close={() => setOpen(false)} />
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}

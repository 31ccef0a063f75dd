// The tags half of the screen: search, the table, and the dialogs for a
// new tag, a rename, a delete and a merge of the chosen tags.
import { useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { Button as AriaButton, Input, Label, SearchField, type Selection } from 'react-aria-components';

import { errorMessage } from '../../api/errors';
import { Button } from '../../ui/Button';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { TaxonomyTagsQuery } from './operations';
import { DeleteTagDialog, MergeTagsDialog, TagFormDialog, type Tag } from './TagDialogs';
import { TagTable } from './TagTable';

type Open =
  | { kind: 'create' }
  | { kind: 'rename' | 'delete'; tag: Tag }
  | { kind: 'merge'; tags: readonly Tag[] };

export function TagPanel() {
  const list = useQuery(TaxonomyTagsQuery, { fetchPolicy: 'cache-and-network' });
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Selection>(new Set());
  const [open, setOpen] = useState<Open>();
  const [outcome, setOutcome] = useState<string>();
  const tags = useMemo(() => list.data?.tags ?? [], [list.data]);

  const needle = search.trim().toLocaleLowerCase();
  const shown = useMemo(
    () =>
      needle === ''
        ? tags
        : tags.filter(
            (t) => t.name.toLocaleLowerCase().includes(needle) || t.slug.includes(needle),
          ),
    [tags, needle],
  );
  // "All" from the header box means the rows in sight, not those the search hides.
  const chosen = useMemo(
    () => (selected === 'all' ? shown : tags.filter((t) => selected.has(t.id))),
    [selected, shown, tags],
  );

  const done = useCallback((text: string) => setOutcome(text), []);
  const close = useCallback(() => setOpen(undefined), []);
  const show = (next: Open) => {
    setOutcome(undefined);
    setOpen(next);
  };

  return (
    <section className="tx-panel card" aria-labelledby="tx-tags">
      <header className="tx-panel-header">
        <div>
          <h2 id="tx-tags">Tags</h2>
          <p className="tx-panel-help">
            {tags.length > 0 ? `${tags.length} ${tags.length === 1 ? 'tag' : 'tags'}. ` : null}
            Choose two or more to merge them.
          </p>
        </div>
        <Button variant="primary" size="sm" onPress={() => show({ kind: 'create' })}>
          New tag
        </Button>
      </header>

      {outcome ? <Notice tone="success">{outcome}</Notice> : null}

      {list.data === undefined && list.error ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton lines={6} label="Loading tags" />
      ) : tags.length === 0 ? (
        <EmptyState title="No tags yet">
          <p>Tags label items across categories, such as “interview” or “long read”.</p>
        </EmptyState>
      ) : (
        <>
          <div className="tx-toolbar">
            <SearchField className="tx-search" value={search} onChange={setSearch}>
              <Label className="field-label">Search tags</Label>
              <div className="tx-search-box">
                <Input className="input" placeholder="Name or slug" />
                {search ? (
                  <AriaButton className="tx-icon-button" aria-label="Clear search">
                    ✕
                  </AriaButton>
                ) : null}
              </div>
            </SearchField>
            <span className="tx-spacer" />
            <span className="tx-selected" aria-live="polite">
              {chosen.length > 0 ? `${chosen.length} selected` : ''}
            </span>
            <Button
              size="sm"
              isDisabled={chosen.length < 2}
              onPress={() => show({ kind: 'merge', tags: chosen })}
            >
              Merge selected
            </Button>
          </div>
          <TagTable
            tags={shown}
            selected={selected}
            onSelectedChange={setSelected}
            onRename={(tag) => show({ kind: 'rename', tag })}
            onDelete={(tag) => show({ kind: 'delete', tag })}
            emptyMessage={`No tag matches “${search.trim()}”.`}
          />
        </>
      )}

      {open?.kind === 'create' ? (
        <TagFormDialog onClose={close} onDone={done} />
      ) : open?.kind === 'rename' ? (
        <TagFormDialog tag={open.tag} onClose={close} onDone={done} />
      ) : open?.kind === 'delete' ? (
        <DeleteTagDialog tag={open.tag} onClose={close} onDone={done} />
      ) : open?.kind === 'merge' ? (
        <MergeTagsDialog
          tags={open.tags}
          onClose={close}
          onDone={(text) => {
            setSelected(new Set());
            done(text);
          }}
        />
      ) : null}
    </section>
  );
}

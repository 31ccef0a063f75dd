// The categories half of the screen: the tree, its dialogs, and one status
// line that says (aloud too) what the last change did or why the API
// refused it.
import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';

import { errorMessage } from '../../api/errors';
import { Button } from '../../ui/Button';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import {
  CreateCategoryDialog,
  DeleteCategoryDialog,
  EditCategoryDialog,
  MoveCategoryDialog,
  type Category,
} from './CategoryDialogs';
import { CategoryTree, type CategoryAction } from './CategoryTree';
import { TaxonomyCategoriesQuery, TaxonomyUpdateCategoryMutation } from './operations';
import { categoryPath } from './tree';

type Open =
  | { kind: 'create'; parentId: string | null }
  | { kind: Exclude<CategoryAction, 'add'>; category: Category };

interface Outcome {
  tone: 'success' | 'danger';
  text: string;
}

export function CategoryPanel() {
  const list = useQuery(TaxonomyCategoriesQuery, { fetchPolicy: 'cache-and-network' });
  const [update] = useMutation(TaxonomyUpdateCategoryMutation);
  const [open, setOpen] = useState<Open>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [moving, setMoving] = useState(false);
  const categories = useMemo(() => list.data?.categories ?? [], [list.data]);

  const done = useCallback((text: string) => setOutcome({ tone: 'success', text }), []);
  const close = useCallback(() => setOpen(undefined), []);

  /** Moves a category; a refusal rejects with the API's error. */
  const move = useCallback(
    async (category: Category, parentId: string | null) => {
      const where = parentId ? `into “${categoryPath(categories, parentId)}”` : 'to the top level';
      await update({ variables: { input: { id: category.id, parentId } } });
      setOutcome({ tone: 'success', text: `Moved “${category.name}” ${where}.` });
    },
    [categories, update],
  );

  /** A drop has no dialog to hold a refusal: the status line shows it. */
  const drop = useCallback(
    (category: Category, parentId: string | null) => {
      setMoving(true);
      setOutcome(undefined);
      move(category, parentId)
        .catch((error: unknown) => setOutcome({ tone: 'danger', text: errorMessage(error) }))
        .finally(() => setMoving(false));
    },
    [move],
  );

  const act = useCallback((action: CategoryAction, category: Category) => {
    setOutcome(undefined);
    setOpen(
      action === 'add' ? { kind: 'create', parentId: category.id } : { kind: action, category },
    );
  }, []);

  return (
    <section className="tx-panel card" aria-labelledby="tx-categories">
      <header className="tx-panel-header">
        <div>
          <h2 id="tx-categories">Categories</h2>
          <p className="tx-panel-help">
            Drag a category onto another to move it there, or between two rows to put it at
            their level. From the keyboard: Enter on its ⠿ handle, or “Move to…” in its menu.
          </p>
        </div>
        <Button
          variant="primary"
          size="sm"
          onPress={() => {
            setOutcome(undefined);
            setOpen({ kind: 'create', parentId: null });
          }}
        >
          New category
        </Button>
      </header>

      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}

      {list.data === undefined && list.error ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton lines={6} label="Loading categories" />
      ) : categories.length === 0 ? (
        <EmptyState title="No categories yet">
          <p>Categories sort items into a tree, such as News › World.</p>
        </EmptyState>
      ) : (
        <div aria-busy={moving}>
          <CategoryTree categories={categories} onMove={drop} onAction={act} isMoving={moving} />
        </div>
      )}

      {open?.kind === 'create' ? (
        <CreateCategoryDialog
          categories={categories}
          parentId={open.parentId}
          onClose={close}
          onDone={done}
        />
      ) : open?.kind === 'edit' ? (
        <EditCategoryDialog category={open.category} onClose={close} onDone={done} />
      ) : open?.kind === 'move' ? (
        <MoveCategoryDialog
          category={open.category}
          categories={categories}
          onClose={close}
          move={move}
        />
      ) : open?.kind === 'delete' ? (
        <DeleteCategoryDialog
          category={open.category}
          childCount={categories.filter((c) => c.parentId === open.category.id).length}
          onClose={close}
          onDone={done}
        />
      ) : null}
    </section>
  );
}

// The category tree on React Aria's Tree: arrow keys walk and fold it, and
// a row's drag handle moves the category, by mouse, touch or keyboard
// (Enter on the handle, Tab between drop places, Enter to drop). Dropping on
// a category puts it there; dropping between rows puts it beside them, at
// their level. Places below the dragged category itself are refused, and so
// are drops that would leave it where it is.
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  Button as AriaButton,
  Collection,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  Tree,
  TreeItem,
  TreeItemContent,
  useDragAndDrop,
  type DropTarget,
  type Key,
} from 'react-aria-components';

import type { Category } from './CategoryDialogs';
import { items } from './format';
import { buildTree, canMoveUnder, type CategoryNode } from './tree';

/** The drag data's type: only drags that carry a category id are accepted. */
const CATEGORY_TYPE = 'application/vnd.vellum.category+json';

export type CategoryAction = 'add' | 'edit' | 'move' | 'delete';

const ACTIONS: { id: CategoryAction; name: string }[] = [
  { id: 'add', name: 'Add subcategory' },
  { id: 'edit', name: 'Edit' },
  { id: 'move', name: 'Move to…' },
  { id: 'delete', name: 'Delete' },
];

function RowMenu({ name, onAction }: { name: string; onAction(action: CategoryAction): void }) {
  return (
    <MenuTrigger>
      <AriaButton className="tx-icon-button" aria-label={`Actions for ${name}`}>
        <span aria-hidden="true">⋯</span>
      </AriaButton>
      <Popover className="popover" placement="bottom end">
        <Menu className="tx-menu" items={ACTIONS} onAction={(key) => onAction(key as CategoryAction)}>
          {(action) => (
            <MenuItem
              id={action.id}
              className={`tx-menu-item${action.id === 'delete' ? ' tx-menu-item-danger' : ''}`}
            >
              {action.name}
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

export function CategoryTree({
  categories,
  onMove,
  onAction,
  isMoving,
}: {
  categories: readonly Category[];
  /** Moves a category below `parentId` (null: the top level). */
  onMove(category: Category, parentId: string | null): void;
  onAction(action: CategoryAction, category: Category): void;
  /** A move is on its way: no other drag until it lands. */
  isMoving: boolean;
}) {
  const roots = useMemo(() => buildTree(categories), [categories]);
  const byId = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);
  const parents = useMemo(
    () => new Set(categories.flatMap((c) => (c.parentId ? [c.parentId] : []))),
    [categories],
  );
  // Every branch starts open (the tree is small and reads best whole); the
  // ones the user folds stay folded.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const expandedKeys = useMemo(
    () => new Set([...parents].filter((id) => !folded.has(id))),
    [parents, folded],
  );
  const dragged = useRef<string | undefined>(undefined);

  /** The parent a drop target means: the row itself, or the rows' parent between rows. */
  const parentAt = (target: DropTarget): string | null | undefined => {
    if (target.type === 'root') return undefined;
    const key = String(target.key);
    return target.dropPosition === 'on' ? key : (byId.get(key)?.parentId ?? null);
  };

  const { dragAndDropHooks } = useDragAndDrop<CategoryNode<Category>>({
    isDisabled: isMoving,
    getItems: (keys) =>
      [...keys].map((key) => ({
        [CATEGORY_TYPE]: JSON.stringify({ id: String(key) }),
        'text/plain': byId.get(String(key))?.name ?? '',
      })),
    getAllowedDropOperations: () => ['move'],
    acceptedDragTypes: [CATEGORY_TYPE],
    onDragStart: (event) => {
      dragged.current = [...event.keys].map(String)[0];
    },
    onDragEnd: () => {
      dragged.current = undefined;
    },
    getDropOperation: (target) => {
      const id = dragged.current;
      const category = id ? byId.get(id) : undefined;
      const parentId = parentAt(target);
      if (!category || parentId === undefined) return 'cancel';
      if (parentId === (category.parentId ?? null)) return 'cancel';
      return canMoveUnder(categories, category.id, parentId) ? 'move' : 'cancel';
    },
    onMove: (event) => {
      const id = [...event.keys].map(String)[0];
      const category = id ? byId.get(id) : undefined;
      const parentId = parentAt(event.target);
      if (!category || parentId === undefined) return;
      // The new parent opens, so the moved category stays in sight.
      if (parentId) setFolded((old) => new Set([...old].filter((k) => k !== parentId)));
      onMove(category, parentId);
    },
  });

  const setExpanded = (keys: Set<Key>) =>
    setFolded(new Set([...parents].filter((id) => !keys.has(id))));

  return (
    <Tree
      aria-label="Categories"
      className="tx-tree"
      items={roots}
      expandedKeys={expandedKeys}
      onExpandedChange={setExpanded}
      dragAndDropHooks={dragAndDropHooks}
    >
      {function renderItem(node: CategoryNode<Category>) {
        const { category } = node;
        return (
          <TreeItem
            id={category.id}
            textValue={category.name}
            className="tx-tree-item"
            style={({ level }) => ({ '--tx-level': level - 1 }) as CSSProperties}
          >
            <TreeItemContent>
              {({ hasChildItems }) => (
                <div className="tx-row">
                  <AriaButton slot="drag" className="tx-icon-button tx-drag">
                    <span aria-hidden="true">⠿</span>
                  </AriaButton>
                  {hasChildItems ? (
                    <AriaButton slot="chevron" className="tx-icon-button tx-chevron">
                      <span aria-hidden="true">▸</span>
                    </AriaButton>
                  ) : (
                    <span className="tx-chevron-space" />
                  )}
                  <span className="tx-name">{category.name}</span>
                  <code className="tx-slug">{category.slug}</code>
                  <span className="tx-count">{items(category.itemCount)}</span>
                  <RowMenu
                    name={category.name}
                    onAction={(action) => onAction(action, category)}
                  />
                </div>
              )}
            </TreeItemContent>
            <Collection items={node.children}>{renderItem}</Collection>
          </TreeItem>
        );
      }}
    </Tree>
  );
}

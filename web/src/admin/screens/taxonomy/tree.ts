// The category tree from the API's flat list (each category names its
// parent), and the questions a move asks of it: which categories may become
// a category's parent, and which would put it below itself.

export interface FlatCategory {
  id: string;
  name: string;
  parentId?: string | null;
}

export interface CategoryNode<C extends FlatCategory> {
  category: C;
  /** `id`, so React Aria's collections find the key on the item. */
  id: string;
  children: CategoryNode<C>[];
}

const byName = (a: FlatCategory, b: FlatCategory) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/**
 * The roots with their children, each level by name. A category whose
 * parent is missing (deleted meanwhile) shows as a root; so does any part
 * of a cycle, which the API refuses but a stale cache could still hold.
 */
export function buildTree<C extends FlatCategory>(categories: readonly C[]): CategoryNode<C>[] {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<string | null, C[]>();
  for (const c of categories) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(c);
    else children.set(parent, [c]);
  }
  const placed = new Set<string>();
  const grow = (parent: string | null): CategoryNode<C>[] =>
    [...(children.get(parent) ?? [])].sort(byName).flatMap((category) => {
      if (placed.has(category.id)) return [];
      placed.add(category.id);
      return [{ category, id: category.id, children: grow(category.id) }];
    });
  const roots = grow(null);
  const stranded = categories.filter((c) => !placed.has(c.id)).sort(byName);
  for (const category of stranded) {
    if (placed.has(category.id)) continue;
    placed.add(category.id);
    roots.push({ category, id: category.id, children: grow(category.id) });
  }
  return roots;
}

/** The ids of every category below `id` (not `id` itself). */
export function descendantIds(categories: readonly FlatCategory[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const c of categories) {
    if (!c.parentId) continue;
    const siblings = children.get(c.parentId);
    if (siblings) siblings.push(c.id);
    else children.set(c.parentId, [c.id]);
  }
  const found = new Set<string>();
  const stack = [...(children.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === id || found.has(next)) continue;
    found.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return found;
}

/** Whether `parentId` (null: the top level) may hold `id`: not itself, nor below it. */
export function canMoveUnder(
  categories: readonly FlatCategory[],
  id: string,
  parentId: string | null,
): boolean {
  if (parentId === null) return true;
  return parentId !== id && !descendantIds(categories, id).has(parentId);
}

export interface ParentChoice {
  id: string;
  name: string;
  depth: number;
  /** Names from the root down, for screen readers and type-ahead. */
  path: string;
}

/**
 * Where `id` may move, in tree order: every category but itself and those
 * below it. Without `id` (a new category), every category.
 */
export function parentChoices(
  categories: readonly FlatCategory[],
  id?: string,
): ParentChoice[] {
  const excluded = id ? descendantIds(categories, id).add(id) : new Set<string>();
  const out: ParentChoice[] = [];
  const walk = (nodes: CategoryNode<FlatCategory>[], depth: number, above: string[]) => {
    for (const node of nodes) {
      // Nothing below an excluded category is a choice either.
      if (excluded.has(node.id)) continue;
      const path = [...above, node.category.name];
      out.push({ id: node.id, name: node.category.name, depth, path: path.join(' › ') });
      walk(node.children, depth + 1, path);
    }
  };
  walk(buildTree(categories), 0, []);
  return out;
}

/** The category's name with its ancestors' ("World › Europe"). */
export function categoryPath(categories: readonly FlatCategory[], id: string): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let c = byId.get(id); c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
    seen.add(c.id);
    names.unshift(c.name);
  }
  return names.join(' › ');
}

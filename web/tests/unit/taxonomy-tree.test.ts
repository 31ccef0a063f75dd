// The category tree built from the API's flat list, and the move rules the
// screen applies before the API does: never below itself.
import { describe, expect, it } from 'vitest';

import {
  buildTree,
  canMoveUnder,
  categoryPath,
  descendantIds,
  parentChoices,
  type CategoryNode,
  type FlatCategory,
} from '../../src/admin/screens/taxonomy/tree';

const CATEGORIES: FlatCategory[] = [
  { id: 'sport', name: 'Sport', parentId: null },
  { id: 'world', name: 'World', parentId: null },
  { id: 'europe', name: 'Europe', parentId: 'world' },
  { id: 'france', name: 'France', parentId: 'europe' },
  { id: 'asia', name: 'asia', parentId: 'world' },
];

const shape = (nodes: CategoryNode<FlatCategory>[]): unknown =>
  nodes.map((n) => (n.children.length ? { [n.id]: shape(n.children) } : n.id));

describe('buildTree', () => {
  it('nests children under parents, each level by name whatever the case', () => {
    expect(shape(buildTree(CATEGORIES))).toEqual([
      'sport',
      { world: ['asia', { europe: ['france'] }] },
    ]);
  });

  it('shows a category whose parent is gone at the top level', () => {
    expect(shape(buildTree([{ id: 'lost', name: 'Lost', parentId: 'gone' }]))).toEqual(['lost']);
  });

  it('keeps every category of a cycle, once', () => {
    const cycle = [
      { id: 'a', name: 'A', parentId: 'b' },
      { id: 'b', name: 'B', parentId: 'a' },
    ];
    expect(shape(buildTree(cycle))).toEqual([{ a: ['b'] }]);
  });
});

describe('moves', () => {
  it('finds every category below one', () => {
    expect([...descendantIds(CATEGORIES, 'world')].sort()).toEqual(['asia', 'europe', 'france']);
    expect(descendantIds(CATEGORIES, 'france').size).toBe(0);
  });

  it('refuses a category below itself or its descendants, allows the rest', () => {
    expect(canMoveUnder(CATEGORIES, 'world', 'world')).toBe(false);
    expect(canMoveUnder(CATEGORIES, 'world', 'france')).toBe(false);
    expect(canMoveUnder(CATEGORIES, 'europe', 'sport')).toBe(true);
    expect(canMoveUnder(CATEGORIES, 'france', null)).toBe(true);
  });

  it('offers as parents everything but the category and what is below it, in tree order', () => {
    expect(parentChoices(CATEGORIES, 'europe').map((c) => [c.id, c.depth])).toEqual([
      ['sport', 0],
      ['world', 0],
      ['asia', 1],
    ]);
    expect(parentChoices(CATEGORIES).map((c) => c.path)).toContain('World › Europe › France');
  });

  it('names a category with its ancestors', () => {
    expect(categoryPath(CATEGORIES, 'france')).toBe('World › Europe › France');
    expect(categoryPath(CATEGORIES, 'nothing')).toBe('');
  });
});

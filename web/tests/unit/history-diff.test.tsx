// @vitest-environment happy-dom
// The history diff: word runs as <ins>/<del> inline, each side's own runs
// side by side, other values before and after.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { DiffView } from '../../src/admin/screens/history/DiffView';

afterEach(cleanup);

const text = {
  __typename: 'ContentChange' as const,
  path: 'title',
  before: 'The quick brown fox',
  after: 'The quick red fox',
  words: [
    { __typename: 'DiffSegment' as const, op: 'EQUAL' as const, value: 'The quick ' },
    { __typename: 'DiffSegment' as const, op: 'DELETE' as const, value: 'brown' },
    { __typename: 'DiffSegment' as const, op: 'INSERT' as const, value: 'red' },
    { __typename: 'DiffSegment' as const, op: 'EQUAL' as const, value: ' fox' },
  ],
};
const price = { __typename: 'ContentChange' as const, path: 'fields.price', before: 10, after: { amount: 12 }, words: null };
const added = { __typename: 'ContentChange' as const, path: 'excerpt', before: null, after: 'New summary', words: null };

describe('DiffView', () => {
  it('marks inserted and deleted words inline', () => {
    const { container } = render(<DiffView changes={[text]} layout="inline" />);
    expect(container.querySelector('del')?.textContent).toBe('[removed: brown]');
    expect(container.querySelector('ins')?.textContent).toBe('[added: red]');
    expect(container.querySelector('.diff-path')?.textContent).toBe('title');
  });

  it('shows before and after side by side', () => {
    const { container } = render(<DiffView changes={[text]} layout="split" />);
    const [before, after] = [...container.querySelectorAll('.diff-side')];
    expect(before?.querySelector('del')).not.toBeNull();
    expect(before?.querySelector('ins')).toBeNull();
    expect(after?.querySelector('ins')).not.toBeNull();
    expect(after?.querySelector('del')).toBeNull();
    expect(after?.textContent).toContain('The quick [added: red] fox');
  });

  it('shows values without a word diff as JSON, and absent ones as empty', () => {
    const { container } = render(<DiffView changes={[price, added]} layout="split" />);
    const changes = container.querySelectorAll('.diff-change');
    expect(changes[0]?.querySelector('del')?.textContent).toContain('10');
    expect(changes[0]?.querySelector('ins')?.textContent).toContain('"amount": 12');
    expect(changes[1]?.querySelector('.diff-none')?.textContent).toBe('(empty)');
    expect(changes[1]?.querySelector('ins')?.textContent).toContain('New summary');
  });
});

// @vitest-environment happy-dom
// The editor's tag picker: picks existing tags by search, and makes a new
// one from the typed text for users who may (only when no tag has the name).
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { TagPicker } from '../../src/admin/screens/content/editor/TaxonomyFields';

afterEach(cleanup);

const TAGS = [
  { id: 't1', name: 'Sea' },
  { id: 't2', name: 'War' },
];

function Harness({ onCreate }: { onCreate?: (name: string) => Promise<string> }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <>
      <TagPicker tags={TAGS} value={value} onChange={setValue} error={undefined} onCreate={onCreate} />
      <output data-testid="value">{value.join(',')}</output>
    </>
  );
}

describe('TagPicker', () => {
  it('offers to create a tag no one has, and adds it', async () => {
    const onCreate = vi.fn(async (name: string) => `new:${name}`);
    render(<Harness onCreate={onCreate} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'Add a tag' }), 'Poetry');
    await user.click(await screen.findByRole('option', { name: 'Create tag “Poetry”' }));
    expect(onCreate).toHaveBeenCalledWith('Poetry');
    expect(await screen.findByTestId('value')).toHaveProperty('textContent', 'new:Poetry');
  });

  it('does not offer to create a name that exists, whatever its case', async () => {
    render(<Harness onCreate={async () => 'x'} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'Add a tag' }), 'sea');
    expect(await screen.findByRole('option', { name: 'Sea' })).toBeTruthy();
    expect(screen.queryByRole('option', { name: /Create tag/ })).toBeNull();
  });

  it('never offers creation to users who may not', async () => {
    render(<Harness />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'Add a tag' }), 'Poetry');
    expect(screen.queryByRole('option', { name: /Create tag/ })).toBeNull();
  });

  it('shows why a tag could not be made', async () => {
    const onCreate = vi.fn(async () => {
      throw new Error('a tag with this slug exists');
    });
    render(<Harness onCreate={onCreate} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'Add a tag' }), 'Poetry');
    await user.click(await screen.findByRole('option', { name: 'Create tag “Poetry”' }));
    expect(await screen.findByText('a tag with this slug exists')).toBeTruthy();
    expect(screen.getByTestId('value').textContent).toBe('');
  });
});

// @vitest-environment happy-dom
// The content editor screen against a mocked API: it loads an item, shows
// the API's field errors where they belong, and on CONFLICT shows what
// changed and saves "mine" over the new version.
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  EditorContentDiffQuery,
  EditorItemQuery,
  EditorTaxonomyQuery,
  EditorUpdateContentMutation,
} from '../../src/admin/api/editor';
import ContentEditor from '../../src/admin/screens/content/ContentEditor';
import { categoryTree } from '../../src/admin/screens/content/editor/TaxonomyFields';
import { withoutPaths, unplacedErrors } from '../../src/admin/screens/content/editor/errors';
import { formFromContent, sameForm, toUpdateInput } from '../../src/admin/screens/content/editor/formState';
import { humanize } from '../../src/admin/screens/content/editor/labels';

// The heavy editors are not what this test is about.
vi.mock('../../src/admin/fields/editors/LazyEditors', () => ({
  LabelledEditor: ({ label, value, onChange }: { label: string; value: string; onChange(v: string): void }) => (
    <label>
      {label}
      <textarea value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  ),
}));

afterEach(cleanup);

const ID = '33333333-3333-4333-8333-333333333333';

const type = {
  __typename: 'ContentType' as const,
  id: '44444444-4444-4444-8444-444444444444',
  apiId: 'product',
  name: 'Product',
  workflow: 'default',
  fields: [
    {
      __typename: 'FieldDefinition' as const,
      apiId: 'sku',
      name: 'SKU',
      kind: 'TEXT' as const,
      required: true,
      min: null,
      max: 12,
      pattern: null,
      options: [],
      referenceType: null,
      mediaTypes: [],
      multiple: false,
      default: null,
      unique: true,
    },
  ],
};

function item(version: number, title = 'Blue widget', sku = 'W-1') {
  return {
    __typename: 'Content' as const,
    id: ID,
    title,
    slug: 'blue-widget',
    excerpt: '',
    body: '<p>Hi</p>',
    bodyFormat: 'RICH_TEXT' as const,
    fields: { sku },
    locale: 'en',
    seoTitle: '',
    seoDescription: '',
    canonicalUrl: null,
    noIndex: false,
    status: 'DRAFT',
    isLive: false,
    version,
    workingVersion: version,
    liveVersion: null,
    publishAt: null,
    unpublishAt: null,
    updatedAt: '2026-12-01T10:00:00Z',
    category: null,
    tags: [],
    references: [],
    availableActions: [
      { __typename: 'WorkflowAction' as const, action: 'submit', toStatus: 'IN_REVIEW', commentRequired: false, goesLive: false, takesDown: false },
    ],
    type,
  };
}

const taxonomy: MockLink.MockedResponse = {
  request: { query: EditorTaxonomyQuery },
  result: { data: { categories: [], tags: [] } },
  maxUsageCount: 10,
};
const load = (version: number, title?: string): MockLink.MockedResponse => ({
  request: { query: EditorItemQuery, variables: { id: ID } },
  result: { data: { content: item(version, title) } },
});

function renderEditor(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter(
    [
      { path: '/admin/items/:id', element: <ContentEditor /> },
      { path: '/admin/items/:id/history', element: <p>History page</p> },
    ],
    { initialEntries: [`/admin/items/${ID}`] },
  );
  render(
    <MockedProvider mocks={mocks}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
  return router;
}

/** What the editor sends after changing the SKU of version 1: only the custom fields. */
const updateInput = (version: number, sku: string) =>
  toUpdateInput({ ...formFromContent(item(1)), fields: { sku } }, type, ID, version, formFromContent(item(1)));

describe('ContentEditor', () => {
  it('shows the API error on the custom field it names', async () => {
    const user = userEvent.setup();
    renderEditor([
      load(1),
      taxonomy,
      {
        request: { query: EditorUpdateContentMutation, variables: { input: updateInput(1, 'W-2') } },
        result: {
          errors: [
            new GraphQLError('must be unique; another item has this value', {
              extensions: { code: 'BAD_USER_INPUT', field: 'input.fields.sku' },
            }),
          ],
        },
      },
    ]);
    const sku = await screen.findByRole('textbox', { name: /SKU/ });
    expect(sku).toHaveProperty('value', 'W-1');
    expect(screen.getByRole('button', { name: 'Submit' })).toBeTruthy();
    await user.clear(sku);
    await user.type(sku, 'W-2');
    // Workflow steps wait for unsaved edits.
    expect(screen.getByRole('button', { name: 'Submit' }).hasAttribute('disabled')).toBe(true);
    await user.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    expect(await screen.findByText('SKU must be unique; another item has this value.')).toBeTruthy();
    expect(sku.getAttribute('aria-invalid')).toBe('true');
  });

  it('on CONFLICT shows their changes and keeps mine over the new version', async () => {
    const user = userEvent.setup();
    renderEditor([
      load(1),
      taxonomy,
      {
        request: { query: EditorUpdateContentMutation, variables: { input: updateInput(1, 'W-9') } },
        result: {
          errors: [
            new GraphQLError('the item changed since version 1', {
              extensions: { code: 'CONFLICT', currentVersion: 2 },
            }),
          ],
        },
      },
      {
        request: { query: EditorContentDiffQuery, variables: { contentId: ID, from: 1, to: 2 } },
        result: {
          data: {
            contentDiff: {
              __typename: 'ContentDiff',
              from: 1,
              to: 2,
              changes: [
                {
                  __typename: 'ContentChange',
                  path: 'title',
                  before: 'Blue widget',
                  after: 'Red widget',
                  words: [
                    { __typename: 'DiffSegment', op: 'DELETE', value: 'Blue' },
                    { __typename: 'DiffSegment', op: 'INSERT', value: 'Red' },
                    { __typename: 'DiffSegment', op: 'EQUAL', value: ' widget' },
                  ],
                },
              ],
            },
          },
        },
      },
      {
        request: { query: EditorUpdateContentMutation, variables: { input: updateInput(2, 'W-9') } },
        result: { data: { updateContent: { __typename: 'ContentPayload', content: item(3, 'Blue widget', 'W-9') } } },
      },
    ]);
    const sku = await screen.findByRole('textbox', { name: /SKU/ });
    await user.clear(sku);
    await user.type(sku, 'W-9');
    await user.click(screen.getAllByRole('button', { name: 'Save' })[0]!);

    const dialog = await screen.findByRole('alertdialog', { name: 'Someone else changed this item' });
    await waitFor(() => expect(within(dialog).getByText('Title')).toBeTruthy());
    expect(dialog.querySelector('del')?.textContent).toBe('Blue');
    expect(dialog.querySelector('ins')?.textContent).toBe('Red');
    await user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await screen.findByText(/version 3/)).toBeTruthy();
    expect(screen.getByText(/All changes saved/)).toBeTruthy();
  });

  it('shows a not-found state for a missing item', async () => {
    renderEditor([
      { request: { query: EditorItemQuery, variables: { id: ID } }, result: { data: { content: null } } },
    ]);
    expect(await screen.findByText('This item does not exist, or you may not see it.')).toBeTruthy();
  });
});

describe('editor helpers', () => {
  it('detects dirty forms regardless of key order', () => {
    const a = formFromContent(item(1));
    expect(sameForm(a, { ...a, fields: { ...a.fields } })).toBe(true);
    expect(sameForm(a, { ...a, title: 'x' })).toBe(false);
  });

  it('orders categories as a tree and survives cycles and orphans', () => {
    const tree = categoryTree([
      { id: 'b', name: 'Books', parentId: 'c' },
      { id: 'c', name: 'Culture', parentId: null },
      { id: 'o', name: 'Orphan', parentId: 'gone' },
      { id: 'x', name: 'X', parentId: 'y' },
      { id: 'y', name: 'Y', parentId: 'x' },
    ]);
    expect(tree.map((c) => `${c.depth}:${c.name}`)).toEqual(['0:Culture', '1:Books', '0:Orphan', '0:X', '0:Y']);
  });

  it('sorts errors between fields and the banner', () => {
    expect(unplacedErrors({ title: 'bad', 'fields.sku': 'bad', fields: 'must be an object', 'fields.gone': 'unknown field' }, type)).toEqual([
      'fields: must be an object',
      'gone: unknown field',
    ]);
    expect(withoutPaths({ 'fields.sku': 'a', 'fields.sku[0]': 'b', title: 'c' }, ['fields.sku'])).toEqual({ title: 'c' });
  });

  it('sends only what the edit changed', () => {
    const base = formFromContent(item(1));
    expect(updateInput(4, 'W-2')).toEqual({ id: ID, expectedVersion: 4, fields: { sku: 'W-2' } });
    expect(toUpdateInput({ ...base, categoryId: null, title: 'New' }, type, ID, 1, base)).toEqual({
      id: ID,
      expectedVersion: 1,
      title: 'New',
    });
    expect(toUpdateInput(base, type, ID, 1).title).toBe('Blue widget');
  });

  it('labels actions', () => {
    expect(humanize('request_changes')).toBe('Request changes');
    expect(humanize('IN_REVIEW')).toBe('In review');
  });
});

// @vitest-environment happy-dom
// The content types builder against a mocked API: fields move by their
// buttons, only the rules a kind takes are offered, and renaming a field
// that holds values opens the migration dialog (before saving when
// `fieldUsage` says so, after the API's refusal when it was stale), whose
// choice is sent with the save.
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';

import type { FieldDefinitionInput, TypesBuilderTypeFragment } from '../../src/admin/gql/graphql';
import { BuilderSession } from '../../src/admin/screens/types/BuilderSession';
import {
  TypesFieldUsageQuery,
  TypesListQuery,
  TypesUpdateMutation,
} from '../../src/admin/screens/types/operations';

afterEach(cleanup);

/** Typing and dialogs in happy-dom take seconds on a busy machine. */
const SLOW = 20_000;

const field = (over: Partial<TypesBuilderTypeFragment['fields'][number]>) => ({
  __typename: 'FieldDefinition' as const,
  apiId: 'title',
  name: 'Title',
  kind: 'TEXT' as const,
  required: false,
  unique: false,
  min: null,
  max: null,
  pattern: null,
  options: [],
  referenceType: null,
  mediaTypes: [],
  multiple: false,
  default: null,
  ...over,
});

const recipe = (fields: TypesBuilderTypeFragment['fields']): TypesBuilderTypeFragment => ({
  __typename: 'ContentType',
  id: '55555555-5555-4555-8555-555555555555',
  apiId: 'recipe',
  name: 'Recipe',
  description: '',
  builtIn: false,
  workflow: 'default',
  updatedAt: '2026-12-01T10:00:00Z',
  fields,
});

const saved = recipe([field({ apiId: 'dish', name: 'Dish' }), field({ apiId: 'serves', name: 'Serves', kind: 'INTEGER', min: 1 })]);

const input = (apiId: string, name: string, kind: 'TEXT' | 'INTEGER', min: number | null = null): FieldDefinitionInput => ({
  apiId,
  name,
  kind,
  required: false,
  unique: false,
  min,
  max: null,
  pattern: null,
  options: [],
  referenceType: null,
  mediaTypes: [],
  multiple: false,
  default: null,
});

const typeList: MockLink.MockedResponse = {
  request: { query: TypesListQuery },
  result: { data: { __typename: 'Query', contentTypes: [] } },
  maxUsageCount: 10,
};

/** `fieldUsage` answering these counts (for every load and every save). */
const usage = (dish: number): MockLink.MockedResponse => ({
  request: { query: TypesFieldUsageQuery, variables: { apiId: 'recipe' } },
  result: {
    data: {
      __typename: 'Query',
      contentType: {
        __typename: 'ContentType',
        id: saved.id,
        fieldUsage: [
          { __typename: 'FieldUsage', apiId: 'dish', items: dish },
          { __typename: 'FieldUsage', apiId: 'serves', items: 0 },
        ],
      },
    },
  },
  maxUsageCount: 10,
});

const renamedFields = [input('headline', 'Dish', 'TEXT'), input('serves', 'Serves', 'INTEGER', 1)];

/** The save that renames dish to headline, moving its values. */
const migratingSave = (onSent: () => void): MockLink.MockedResponse => ({
  request: {
    query: TypesUpdateMutation,
    variables: {
      input: {
        apiId: 'recipe',
        name: 'Recipe',
        description: '',
        fields: renamedFields,
        migration: { drop: [], rename: [{ from: 'dish', to: 'headline' }] },
      },
    },
  },
  result: () => {
    onSent();
    return {
      data: {
        __typename: 'Mutation',
        updateContentType: {
          __typename: 'ContentTypePayload',
          contentType: recipe([
            field({ apiId: 'headline', name: 'Dish' }),
            field({ apiId: 'serves', name: 'Serves', kind: 'INTEGER', min: 1 }),
          ]),
        },
      },
    };
  },
});

/** Opens the first field and renames it to `headline`. */
async function renameDish(user: ReturnType<typeof userEvent.setup>) {
  const dish = screen.getByRole('group', { name: 'Field 1: Dish' });
  await user.click(within(dish).getByRole('button', { name: /^1\. Dish/ }));
  const apiId = within(dish).getByRole('textbox', { name: /API id/ });
  await user.clear(apiId);
  await user.type(apiId, 'headline');
  expect(within(dish).getByText('Renamed')).toBeTruthy();
  await user.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
}

function renderBuilder(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter([{ path: '/admin/types/recipe', element: <BuilderSession type={saved} /> }], {
    initialEntries: ['/admin/types/recipe'],
  });
  render(
    <MockedProvider mocks={mocks}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
}

const order = () =>
  screen.getAllByRole('group', { name: /^Field \d+: / }).map((g) => g.getAttribute('aria-label'));

describe('BuilderSession', () => {
  it('moves fields with their buttons and offers only the rules of the kind', async () => {
    const user = userEvent.setup();
    renderBuilder([typeList, usage(0)]);
    expect(order()).toEqual(['Field 1: Dish', 'Field 2: Serves']);
    expect(screen.getByRole('button', { name: 'Move Dish up' }).hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Move Serves up' }));
    expect(order()).toEqual(['Field 1: Serves', 'Field 2: Dish']);
    expect(screen.getByText(/unsaved changes/)).toBeTruthy();

    const serves = screen.getByRole('group', { name: 'Field 1: Serves' });
    await user.click(within(serves).getByRole('button', { name: /^1\. Serves/ }));
    expect(within(serves).getByRole('textbox', { name: 'Minimum value' })).toBeTruthy();
    expect(within(serves).queryByRole('textbox', { name: 'Pattern' })).toBeNull();
    expect(within(serves).queryByRole('textbox', { name: 'Options' })).toBeNull();
  }, SLOW);

  it('asks first when fieldUsage says the renamed field holds values, and sends the choice', async () => {
    const user = userEvent.setup();
    let migrated = false;
    renderBuilder([typeList, usage(2), migratingSave(() => (migrated = true))]);
    const dish = screen.getByRole('group', { name: 'Field 1: Dish' });
    await user.click(within(dish).getByRole('button', { name: /^1\. Dish/ }));
    expect(await within(dish).findByText(/the values 2 items hold/)).toBeTruthy();
    await user.click(within(dish).getByRole('button', { name: /^1\. Dish/ }));
    await renameDish(user);

    const dialog = await screen.findByRole('alertdialog', { name: 'Fields that hold values' });
    expect(dialog.textContent).toContain('2 items hold values for dish.');
    const move = within(dialog).getByRole('radio', { name: 'Move values to headline' });
    expect((move as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Save and move values' }));
    expect(await screen.findByText('Saved: values of dish moved to headline in 2 items.')).toBeTruthy();
    expect(migrated).toBe(true);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByText(/All changes saved/)).toBeTruthy();
  }, SLOW);

  it('falls back on the API refusing a save that would lose values', async () => {
    const user = userEvent.setup();
    let migrated = false;
    renderBuilder([
      typeList,
      // The counts were stale: an item got a value since.
      usage(0),
      {
        request: {
          query: TypesUpdateMutation,
          variables: { input: { apiId: 'recipe', name: 'Recipe', description: '', fields: renamedFields } },
        },
        result: {
          errors: [
            new GraphQLError(
              '2 items hold values for dish; name them in migration.drop or migration.rename to change them',
              { extensions: { code: 'BAD_USER_INPUT', field: 'input.fields' } },
            ),
          ],
        },
      },
      migratingSave(() => (migrated = true)),
    ]);
    await renameDish(user);

    const dialog = await screen.findByRole('alertdialog', { name: 'Fields that hold values' });
    expect(dialog.textContent).toContain('2 items hold values for dish.');
    await user.click(within(dialog).getByRole('button', { name: 'Save and move values' }));
    expect(await screen.findByText('Saved. 2 items changed: values of dish moved to headline.')).toBeTruthy();
    expect(migrated).toBe(true);
  }, SLOW);
});

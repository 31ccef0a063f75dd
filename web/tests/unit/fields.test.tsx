// @vitest-environment happy-dom
// The field-form generator as a user meets it: one labelled control per field
// kind showing its value, changes reported with the right value type, the
// client-side checks and the API's errors shown on the field they name.
process.env.TZ = 'UTC';

import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { EditorReferenceSearchQuery, EditorReferenceTitleQuery } from '../../src/admin/api/editor';
import { FieldForm } from '../../src/admin/fields/FieldForm';
import type { FieldDefinition, FieldErrors, FieldValue, FieldValues } from '../../src/admin/fields/types';

afterEach(cleanup);

const def = (
  apiId: string,
  name: string,
  kind: FieldDefinition['kind'],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({ apiId, name, kind, required: false, options: [], unique: false, ...extra });

/** The generator with its values held as a screen would hold them. */
function Harness({
  fields,
  initial,
  errors,
  showAllErrors,
  onChange,
}: {
  fields: FieldDefinition[];
  initial: FieldValues;
  errors?: FieldErrors;
  showAllErrors?: boolean;
  onChange?: (apiId: string, value: FieldValue) => void;
}) {
  const [values, setValues] = useState(initial);
  return (
    <FieldForm
      fields={fields}
      values={values}
      errors={errors}
      showAllErrors={showAllErrors}
      onChange={(apiId, value) => {
        onChange?.(apiId, value);
        setValues((prev) => ({ ...prev, [apiId]: value }));
      }}
    />
  );
}

function setup(props: Parameters<typeof Harness>[0], mocks: MockLink.MockedResponse[] = []) {
  const onChange = vi.fn<(apiId: string, value: FieldValue) => void>();
  const user = userEvent.setup();
  render(
    <MockedProvider mocks={mocks}>
      <Harness onChange={onChange} {...props} />
    </MockedProvider>,
  );
  const last = () => onChange.mock.calls.at(-1);
  return { user, onChange, last };
}

describe('TEXT', () => {
  const headline = def('headline', 'Headline', 'TEXT', { required: true, min: 3, max: 10, pattern: '[A-Za-z ]+' });

  it('renders a labelled text box with the value and reports strings', async () => {
    const { user, last } = setup({ fields: [headline], initial: { headline: 'Hello' } });
    const input = screen.getByRole('textbox', { name: /Headline/ });
    expect(input).toHaveProperty('value', 'Hello');
    expect(screen.getByText('3 to 10 characters')).toBeTruthy();
    await user.type(input, ' you');
    expect(last()).toEqual(['headline', 'Hello you']);
  });

  it('shows required, length and pattern problems once touched', async () => {
    const { user } = setup({ fields: [headline], initial: { headline: 'Hello' } });
    const input = screen.getByRole('textbox', { name: /Headline/ });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    await user.clear(input);
    expect(screen.getByText('Headline is required.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await user.type(input, 'ab');
    expect(screen.getByText('Headline must be at least 3 characters.')).toBeTruthy();
    await user.type(input, 'cdefghijkl');
    expect(screen.getByText('Headline must be at most 10 characters.')).toBeTruthy();
    await user.clear(input);
    await user.type(input, 'abc1');
    expect(screen.getByText('Headline must match the pattern [A-Za-z ]+.')).toBeTruthy();
    await user.clear(input);
    await user.type(input, 'Fine');
    expect(screen.queryByText(/Headline (is|must)/)).toBeNull();
  });

  it('shows untouched problems after a save attempt', () => {
    setup({ fields: [headline], initial: { headline: null }, showAllErrors: true });
    expect(screen.getByText('Headline is required.')).toBeTruthy();
  });
});

describe('INTEGER and FLOAT', () => {
  it('renders number fields and reports numbers', async () => {
    const fields = [
      def('count', 'Count', 'INTEGER', { min: 1, max: 10 }),
      def('price', 'Price', 'FLOAT'),
    ];
    const { user, onChange } = setup({ fields, initial: { count: 4, price: null } });
    const count = screen.getByRole('textbox', { name: 'Count' });
    expect(count).toHaveProperty('value', '4');
    expect(screen.getByText('1 to 10')).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: /Increase/ })[0]!);
    expect(onChange).toHaveBeenLastCalledWith('count', 5);

    const price = screen.getByRole('textbox', { name: 'Price' });
    await user.type(price, '2.5');
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith('price', 2.5);
    expect(typeof onChange.mock.calls.at(-1)?.[1]).toBe('number');
  });

  it('reports a number out of range instead of clamping it', async () => {
    const fields = [def('count', 'Count', 'INTEGER', { min: 1, max: 10 })];
    const { user, onChange } = setup({ fields, initial: { count: null } });
    const count = screen.getByRole('textbox', { name: 'Count' });
    await user.type(count, '50');
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith('count', 50);
    expect(screen.getByText('Count must be at most 10.')).toBeTruthy();
    expect(count.getAttribute('aria-invalid')).toBe('true');
    await user.clear(count);
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith('count', null);
  });
});

describe('BOOLEAN', () => {
  it('renders a labelled switch and reports booleans', async () => {
    const { user, last } = setup({
      fields: [def('featured', 'Featured', 'BOOLEAN')],
      initial: { featured: false },
    });
    const toggle = screen.getByRole('switch', { name: 'Featured' });
    expect(toggle).toHaveProperty('checked', false);
    await user.click(toggle);
    expect(last()).toEqual(['featured', true]);
    expect(toggle).toHaveProperty('checked', true);
  });
});

describe('DATE and DATETIME', () => {
  it('shows a date and reports YYYY-MM-DD', async () => {
    const { user, last } = setup({
      fields: [def('launch', 'Launch date', 'DATE', { required: true })],
      initial: { launch: '2024-05-01' },
    });
    const group = screen.getByRole('group', { name: 'Launch date' });
    const month = within(group).getByRole('spinbutton', { name: /month/i });
    expect(month.getAttribute('aria-valuenow')).toBe('5');
    expect(within(group).getByRole('spinbutton', { name: /year/i }).getAttribute('aria-valuenow')).toBe('2024');
    await user.click(month);
    await user.keyboard('{ArrowUp}');
    expect(last()).toEqual(['launch', '2024-06-01']);
  });

  it('shows an instant in the user time zone and reports RFC 3339 UTC', async () => {
    const { user, last } = setup({
      fields: [def('at', 'Starts at', 'DATETIME')],
      initial: { at: '2024-05-01T12:30:00Z' },
    });
    const group = screen.getByRole('group', { name: 'Starts at' });
    expect(screen.getByText(/Time zone: UTC/)).toBeTruthy();
    const hour = within(group).getByRole('spinbutton', { name: /hour/i });
    expect(hour.getAttribute('aria-valuenow')).toBe('12');
    expect(within(group).getByRole('spinbutton', { name: /minute/i }).getAttribute('aria-valuenow')).toBe('30');
    await user.click(hour);
    await user.keyboard('{ArrowUp}');
    expect(last()).toEqual(['at', '2024-05-01T13:30:00Z']);
  });
});

describe('SELECT and MULTI_SELECT', () => {
  it('renders a select with its options and reports the option', async () => {
    const { user, last } = setup({
      fields: [def('colour', 'Colour', 'SELECT', { options: ['Red', 'Blue'] })],
      initial: { colour: 'Red' },
    });
    const button = screen.getByRole('button', { name: /Colour/ });
    expect(button.textContent).toContain('Red');
    await user.click(button);
    await user.click(await screen.findByRole('option', { name: 'Blue' }));
    expect(last()).toEqual(['colour', 'Blue']);
    await user.click(screen.getByRole('button', { name: /Colour/ }));
    await user.click(await screen.findByRole('option', { name: 'None' }));
    expect(last()).toEqual(['colour', null]);
  });

  it('renders checkboxes, reports a list in option order and checks the count', async () => {
    const { user, last } = setup({
      fields: [def('sizes', 'Sizes', 'MULTI_SELECT', { options: ['S', 'M', 'L'], max: 1 })],
      initial: { sizes: ['L'] },
    });
    const group = screen.getByRole('group', { name: 'Sizes' });
    expect(within(group).getByRole('checkbox', { name: 'L' })).toHaveProperty('checked', true);
    expect(within(group).getByRole('checkbox', { name: 'S' })).toHaveProperty('checked', false);
    await user.click(within(group).getByRole('checkbox', { name: 'S' }));
    expect(last()).toEqual(['sizes', ['S', 'L']]);
    expect(screen.getByText('Sizes must have at most 1 item.')).toBeTruthy();
  });
});

describe('REFERENCE', () => {
  const author = def('author', 'Author page', 'REFERENCE', { referenceType: 'page' });
  const current = '11111111-1111-4111-8111-111111111111';
  const other = '22222222-2222-4222-8222-222222222222';
  const search = (text: string | null, nodes: { id: string; title: string }[]): MockLink.MockedResponse => ({
    request: { query: EditorReferenceSearchQuery, variables: { types: ['page'], text } },
    result: {
      data: {
        contents: {
          __typename: 'ContentConnection',
          nodes: nodes.map((n) => ({ __typename: 'Content', status: 'PUBLISHED', ...n })),
        },
      },
    },
    maxUsageCount: 10,
  });

  it('shows the referenced title, searches by text and reports the chosen id', async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: { query: EditorReferenceTitleQuery, variables: { id: current } },
        result: { data: { content: { __typename: 'Content', id: current, title: 'About us' } } },
      },
      search(null, [{ id: current, title: 'About us' }]),
      search('Cont', [{ id: other, title: 'Contact' }]),
    ];
    const { user, last } = setup({ fields: [author], initial: { author: current } }, mocks);
    const input = screen.getByRole('combobox', { name: 'Author page' });
    await waitFor(() => expect(input).toHaveProperty('value', 'About us'));
    await user.clear(input);
    await user.type(input, 'Cont');
    const option = await screen.findByRole('option', { name: /Contact/ }, { timeout: 2000 });
    await user.click(option);
    expect(last()).toEqual(['author', other]);
    expect(input).toHaveProperty('value', 'Contact');
  });
});

describe('JSON', () => {
  it('shows the value as JSON text and reports text that does not parse', async () => {
    const { user, last } = setup({
      fields: [def('extra', 'Extra', 'JSON')],
      initial: { extra: '{"a": 1}' },
    });
    const area = screen.getByRole('textbox', { name: 'Extra' });
    expect(area).toHaveProperty('value', '{"a": 1}');
    await user.clear(area);
    await user.type(area, '[[1, 2');
    expect(last()).toEqual(['extra', '[1, 2']);
    expect(screen.getByText(/^Extra must be valid JSON/)).toBeTruthy();
    await user.type(area, ']');
    expect(screen.queryByText(/must be valid JSON/)).toBeNull();
  });
});

describe('RICH_TEXT and MARKDOWN', () => {
  it('render labelled editors (loaded lazily)', async () => {
    setup({
      fields: [
        def('summary', 'Summary', 'RICH_TEXT', { required: true }),
        def('notes', 'Notes', 'MARKDOWN', { max: 500 }),
      ],
      initial: { summary: '<p>Hi</p>', notes: '# Notes' },
      showAllErrors: true,
    });
    const summary = screen.getByRole('group', { name: /Summary/ });
    const notes = screen.getByRole('group', { name: /Notes/ });
    expect(within(notes).getByText('At most 500 characters')).toBeTruthy();
    // Either the editor or its loading placeholder is there, inside the label's group.
    expect(summary.querySelector('.rte, .editor-loading')).not.toBeNull();
    expect(notes.querySelector('.md-editor, .editor-loading')).not.toBeNull();
  });

  it('shows an empty required rich text as missing', () => {
    setup({
      fields: [def('summary', 'Summary', 'RICH_TEXT', { required: true })],
      initial: { summary: '<p></p>' },
      showAllErrors: true,
    });
    const group = screen.getByRole('group', { name: /Summary/ });
    expect(within(group).getByText('Summary is required.')).toBeTruthy();
  });
});

describe('API errors', () => {
  it('show on the field they name, with aria-invalid', () => {
    const fields = [
      def('price', 'Price', 'FLOAT'),
      def('code', 'Code', 'TEXT', { unique: true }),
      def('sizes', 'Sizes', 'MULTI_SELECT', { options: ['S', 'M'] }),
      def('launch', 'Launch date', 'DATE'),
      def('colour', 'Colour', 'SELECT', { options: ['Red'] }),
      def('featured', 'Featured', 'BOOLEAN'),
    ];
    setup({
      fields,
      initial: { price: 5, code: 'A1', sizes: ['S'], launch: null, colour: null, featured: null },
      errors: {
        'fields.price': 'must be at most 1',
        'fields.code': 'must be unique; another item has this value',
        'fields.sizes[0]': 'is selected more than once',
        'fields.launch': 'must be a valid date in the form YYYY-MM-DD',
        'fields.colour': 'must be one of: Red',
        'fields.featured': 'must be true or false',
        title: 'not a custom field',
      },
    });
    const price = screen.getByRole('textbox', { name: 'Price' });
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Price must be at most 1.')).toBeTruthy();

    const code = screen.getByRole('textbox', { name: /Code/ });
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Code must be unique; another item has this value.')).toBeTruthy();
    expect(screen.getByText('Must be unique')).toBeTruthy();

    const sizes = screen.getByRole('group', { name: 'Sizes' });
    expect(within(sizes).getByText('Sizes is selected more than once.')).toBeTruthy();

    const launch = screen.getByRole('group', { name: 'Launch date' });
    expect(within(launch.parentElement!).getByText(/Launch date must be a valid date/)).toBeTruthy();
    expect(screen.getByText('Colour must be one of: Red.')).toBeTruthy();
    const featured = screen.getByRole('switch', { name: 'Featured' });
    const describedBy = featured.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Featured must be true or false.');
    expect(screen.queryByText(/not a custom field/)).toBeNull();
  });

  it('gives way to the client check once the user edits the field', async () => {
    const { user } = setup({
      fields: [def('code', 'Code', 'TEXT', { required: true })],
      initial: { code: 'A1' },
      errors: { 'fields.code': 'must be unique; another item has this value' },
    });
    const code = screen.getByRole('textbox', { name: /Code/ });
    await user.clear(code);
    expect(screen.getByText('Code is required.')).toBeTruthy();
    expect(screen.queryByText(/must be unique/)).toBeNull();
  });
});

describe('the generator', () => {
  it('renders one control per definition, in order', async () => {
    const fields = [
      def('a', 'Alpha', 'TEXT'),
      def('b', 'Beta', 'INTEGER'),
      def('c', 'Gamma', 'BOOLEAN'),
    ];
    setup({ fields, initial: {} });
    await act(async () => {});
    expect(screen.getByRole('textbox', { name: 'Alpha' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Beta' })).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Gamma' })).toBeTruthy();
  });
});

// The content types builder end to end, in Debian's headless Chromium
// against a real `vellum serve`: an ADMIN builds a type with three kinds of
// field (moving one by keyboard, meeting the API's message on a duplicate
// api id), writes an item of it in the content editor, then renames a field
// the item holds a value for (the migration prompt says how many items;
// the value moves) and removes another (its value is dropped). An author
// is kept out. Every screen is captured in light and dark and checked with
// axe. Screenshots: web/test-results/admin/.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SHOTS, capture, launch, open, type Session } from './admin/browser';
import { AUTHOR, PASSWORD, bearer } from './admin/fixtures';
import {
  CREATE_SUPERADMIN,
  itemFields,
  promoteEditorToAdmin,
  typeFields,
} from './admin/types-fixtures';
import { startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;
let admin: Session;
let adminLogin: { email: string; password: string };
let api: Record<string, string>;
let itemId = '';

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${vellum.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** The builder's card for the field at a position (1-based). */
function card(page: Page, position: number): Locator {
  return page.getByRole('group', { name: new RegExp(`^Field ${position}: `) });
}

/** Adds a field of a kind through the "Add field" menu and names it. */
async function addField(page: Page, kind: string, name: string): Promise<Locator> {
  const before = await page.getByRole('group', { name: /^Field \d+: / }).count();
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByRole('menuitem', { name: kind, exact: true }).click();
  const added = card(page, before + 1);
  // The new card opens with its name focused.
  const name_ = added.getByRole('textbox', { name: 'Name', exact: true });
  await expect.poll(() => name_.evaluate((el) => el === document.activeElement)).toBe(true);
  await name_.fill(name);
  return added;
}

/** The order of the fields, by the names their cards show. */
async function fieldOrder(page: Page): Promise<string[]> {
  const labels = await page.getByRole('group', { name: /^Field \d+: / }).evaluateAll((groups) =>
    groups.map((g) => g.getAttribute('aria-label') ?? ''),
  );
  return labels.map((label) => label.replace(/^Field \d+: /, ''));
}

beforeAll(async () => {
  vellum = await startVellum({
    before: [
      { args: ['seed-demo', '--items', '3', '--authors', '1', '--tags', '1'] },
      CREATE_SUPERADMIN,
    ],
  });
  browser = await launch();
  adminLogin = await promoteEditorToAdmin(vellum.url);
  api = await bearer(vellum.url, adminLogin.email, adminLogin.password);
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  await admin?.page.screenshot({ path: `${SHOTS}/failed-types-${name}.png` }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
});

describe('the content types builder', () => {
  it('an admin builds a type with three kinds of field', async () => {
    admin = await open(browser);
    const { page } = admin;
    await signIn(page, adminLogin.email, adminLogin.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Content types' }).click();
    await page.getByRole('heading', { name: 'Content types', level: 1 }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Article', exact: true }).waitFor();
    await capture(page, 'types-list');

    await page.getByRole('link', { name: 'New content type' }).click();
    await page.getByRole('heading', { name: 'New content type', level: 1 }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('textbox', { name: 'Name', exact: true }).fill('Recipe');
    // The api id follows the name until someone types one.
    await expect.poll(() => details.getByRole('textbox', { name: 'API id' }).inputValue()).toBe('recipe');
    await details.getByRole('textbox', { name: 'Description' }).fill('Dishes we cook');

    const dish = await addField(page, 'Text', 'Dish name');
    await expect.poll(() => dish.getByRole('textbox', { name: 'API id' }).inputValue()).toBe('dishName');
    await dish.locator('label', { hasText: /^Required$/ }).click();
    expect(await dish.getByRole('checkbox', { name: 'Required' }).isChecked()).toBe(true);
    // A text field offers a pattern; a select does not.
    await dish.getByRole('textbox', { name: 'Pattern' }).waitFor();

    const course = await addField(page, 'Select', 'Course');
    await course.getByRole('textbox', { name: 'Options' }).fill('Starter\nMain\nDessert');
    expect(await course.getByRole('textbox', { name: 'Pattern' }).count()).toBe(0);

    const serves = await addField(page, 'Integer', 'Serves');
    await serves.getByRole('textbox', { name: 'Minimum value' }).fill('1');
    await serves.getByRole('textbox', { name: 'Maximum value' }).fill('12');
    await serves.getByRole('textbox', { name: 'Maximum value' }).press('Tab');

    // The preview is the content editor's form, with the rules applied.
    const preview = page.getByRole('complementary', { name: 'Preview' });
    await preview.getByRole('textbox', { name: 'Dish name' }).waitFor();
    await preview.getByRole('button', { name: /Course/ }).waitFor();
    const previewServes = preview.getByRole('textbox', { name: 'Serves' });
    await previewServes.fill('40');
    await previewServes.press('Tab');
    await preview.getByText('Serves must be at most 12.').waitFor();

    // Moving by keyboard keeps focus on the button pressed.
    const up = serves.getByRole('button', { name: 'Move Serves up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fieldOrder(page)).toEqual(['Dish name', 'Serves', 'Course']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move Serves up');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => fieldOrder(page)).toEqual(['Dish name', 'Course', 'Serves']);
    await capture(page, 'types-builder-new');

    // A second field with the same api id: the API's message, on that field.
    const twin = await addField(page, 'Text', 'Dish name');
    await page.getByRole('button', { name: 'Create type' }).first().click();
    const twinApiId = twin.getByRole('textbox', { name: 'API id' });
    await expect.poll(() => twinApiId.getAttribute('aria-invalid')).toBe('true');
    await twin.getByText('API id is already used by another field.').waitFor();
    await capture(page, 'types-builder-error');
    await twin.getByRole('button', { name: 'Remove Dish name' }).click();
    await expect.poll(() => fieldOrder(page)).toEqual(['Dish name', 'Course', 'Serves']);

    await page.getByRole('button', { name: 'Create type' }).first().click();
    await page.waitForURL(/\/admin\/types\/recipe$/);
    await page.getByText('Created Recipe.').waitFor();
    await capture(page, 'types-builder-edit');

    const fields = await typeFields(vellum.url, 'recipe', api);
    expect(fields.map((f) => [f.apiId, f.kind, f.required])).toEqual([
      ['dishName', 'TEXT', true],
      ['course', 'SELECT', false],
      ['serves', 'INTEGER', false],
    ]);
    expect(fields[1]!.options).toEqual(['Starter', 'Main', 'Dessert']);
    expect([fields[2]!.min, fields[2]!.max]).toEqual([1, 12]);
    // The navigation lists the new type at once.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recipe' }).waitFor();
  });

  it('writes an item of the new type in the content editor', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'New Recipe' }).click();
    await page.waitForURL(/\/admin\/content\/recipe\/new$/);
    await page.getByRole('textbox', { name: 'Title' }).fill('Tarte Tatin');
    await page.getByRole('textbox', { name: 'Dish name' }).fill('Upside-down apple tart');
    await page.getByRole('button', { name: /Course/ }).click();
    await page.getByRole('option', { name: 'Dessert' }).click();
    await page.getByRole('textbox', { name: 'Serves' }).fill('6');
    await page.getByRole('button', { name: 'Create' }).first().click();
    await page.waitForURL(/\/admin\/items\/[0-9a-f-]{36}$/);
    itemId = page.url().split('/').pop()!;
    expect(await itemFields(vellum.url, itemId, api)).toEqual({
      dishName: 'Upside-down apple tart',
      course: 'Dessert',
      serves: 6,
    });
  });

  it('renaming a field that holds values asks what to do, with the item count, and moves them', async () => {
    const { page } = admin;
    await page.goto(`${vellum.url}/admin/types/recipe`);
    await page.getByRole('heading', { name: 'Recipe', level: 1 }).waitFor();
    const dish = card(page, 1);
    await dish.getByRole('button', { name: /^1\. Dish name/ }).click();
    // How many items hold a value shows before anything is changed.
    await dish.getByText(/saving asks what happens to the values 1 item holds/).waitFor();
    await dish.getByRole('textbox', { name: 'API id' }).fill('dish');
    await dish.getByText('Renamed', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();

    const prompt = page.getByRole('alertdialog');
    await prompt.getByText(/^1 item holds values for dishName\./).waitFor();
    expect(await prompt.getByRole('radio', { name: 'Move values to dish' }).isChecked()).toBe(true);
    await capture(page, 'types-migration-rename');
    await prompt.getByRole('button', { name: 'Save and move values' }).click();
    await prompt.waitFor({ state: 'hidden' });
    await page.getByText('Saved: values of dishName moved to dish in 1 item.').waitFor();

    expect((await typeFields(vellum.url, 'recipe', api)).map((f) => f.apiId)).toEqual(['dish', 'course', 'serves']);
    expect(await itemFields(vellum.url, itemId, api)).toEqual({
      dish: 'Upside-down apple tart',
      course: 'Dessert',
      serves: 6,
    });
    // The editor shows the value under the renamed field.
    await page.goto(`${vellum.url}/admin/items/${itemId}`);
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Dish name' }).inputValue())
      .toBe('Upside-down apple tart');
  });

  it('removing a field that holds values drops them once confirmed', async () => {
    const { page } = admin;
    await page.goto(`${vellum.url}/admin/types/recipe`);
    await page.getByRole('heading', { name: 'Recipe', level: 1 }).waitFor();
    await card(page, 3).getByRole('button', { name: 'Remove Serves' }).click();
    await page.getByRole('button', { name: 'Restore Serves' }).waitFor();
    await page.getByText(/\(1 item holds a value\)/).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    const prompt = page.getByRole('alertdialog');
    await prompt.getByText(/is removed: its values will be dropped/).waitFor();
    await capture(page, 'types-migration-drop');
    await prompt.getByRole('button', { name: 'Save and drop values' }).click();
    await page.getByText('Saved: values of serves dropped in 1 item.').waitFor();
    expect(await itemFields(vellum.url, itemId, api)).toEqual({ dish: 'Upside-down apple tart', course: 'Dessert' });
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });

  it('keeps an author out', async () => {
    const { page, context, errors } = await open(browser);
    await signIn(page, AUTHOR, PASSWORD);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Content types' }).count(),
    ).toBe(0);
    await page.goto(`${vellum.url}/admin/types/new`);
    await page.getByText('Your role may not create or change content types.').waitFor();
    await capture(page, 'types-not-allowed');
    expect(errors).toEqual([]);
    await context.close();
  });
});

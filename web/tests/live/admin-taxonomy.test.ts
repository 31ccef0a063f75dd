// The taxonomy screen end to end, in headless Chromium against a real
// `vellum serve`: an author is not offered it; an editor drags a category
// onto another, is refused the delete of a category with children (the
// API's message shown), moves it again with the keyboard alone and with
// the "Move to…" dialog, adds and deletes a subcategory; then renames, merges and deletes
// tags. Every change is checked through the API, and every screen state is
// captured in light and dark and checked with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SHOTS, capture, launch, open, type Session } from './admin/browser';
import { AUTHOR, EDITOR, PASSWORD } from './admin/fixtures';
import {
  apiCategories,
  apiTags,
  prepareTaxonomy,
  tagsOf,
  type TaxonomyIds,
} from './admin/taxonomy-fixtures';
import { startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;
let ids: TaxonomyIds;
let editor: Session | undefined;

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${vellum.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** The open modal, whether a dialog or an alert dialog. */
function modal(page: Page) {
  return page.locator('[role="dialog"], [role="alertdialog"]');
}

function treeRow(page: Page, name: string) {
  return page.getByRole('treegrid', { name: 'Categories' }).getByRole('row', { name, exact: true });
}

function tagRow(page: Page, name: string) {
  return page.getByRole('grid', { name: 'Tags' }).getByRole('row', { name, exact: true });
}

/** Runs an action from a category's row menu. */
async function rowAction(page: Page, category: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${category}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** The accessible name of what has the keyboard's focus. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

const parentOf = async (id: string) =>
  (await apiCategories(vellum.url)).find((c) => c.id === id)?.parentId;

beforeAll(async () => {
  vellum = await startVellum({
    before: [{ args: ['seed-demo', '--items', '4', '--authors', '1', '--tags', '3'] }],
  });
  browser = await launch();
  ids = await prepareTaxonomy(vellum.url);
});

// A failed step leaves a picture of where the editor was.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  await editor?.page.screenshot({ path: `${SHOTS}/failed-taxonomy-${name}.png` }).catch(() => undefined);
});

afterAll(async () => {
  await editor?.context.close();
  await browser?.close();
  await vellum?.stop();
});

describe('the taxonomy screen', () => {
  it('is neither offered nor usable without taxonomy.manage', async () => {
    const { page, context, errors } = await open(browser);
    await signIn(page, AUTHOR);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My account' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Categories and tags' }).count()).toBe(0);
    await page.goto(`${vellum.url}/admin/taxonomy`);
    await page.getByText('Managing categories and tags needs the taxonomy.manage permission.').waitFor();
    expect(await page.getByRole('treegrid').count()).toBe(0);
    await capture(page, 'taxonomy-not-allowed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves a category by drag and drop, and shows the API refusing to delete a parent', async () => {
    editor = await open(browser);
    const { page } = editor;
    await signIn(page, EDITOR);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Categories and tags' }).click();
    await page.getByRole('heading', { name: 'Categories and tags', level: 1 }).waitFor();
    const europe = treeRow(page, 'Europe');
    await europe.waitFor();
    // Nested under Continents, with its own items counted.
    expect(await europe.getAttribute('aria-level')).toBe('2');
    await expect.poll(() => europe.textContent()).toContain('2 items');
    await capture(page, 'taxonomy');

    // Drag Europe's row onto Sport's.
    await europe.dragTo(treeRow(page, 'Sport'));
    await page.getByText('Moved “Europe” into “Sport”.').waitFor();
    await expect.poll(() => parentOf(ids.europe)).toBe(ids.sport);
    expect(await treeRow(page, 'Europe').getAttribute('aria-level')).toBe('2');
    await capture(page, 'taxonomy-moved');

    // Sport now has a child: the API refuses to delete it, and says why.
    await rowAction(page, 'Sport', 'Delete');
    const confirm = modal(page);
    await confirm.getByRole('heading', { name: 'Delete “Sport”?' }).waitFor();
    await confirm.getByRole('button', { name: 'Delete category' }).click();
    await confirm.getByRole('alert').getByText('the category has children; move or delete them first').waitFor();
    await capture(page, 'taxonomy-delete-refused');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await apiCategories(vellum.url)).some((c) => c.id === ids.sport)).toBe(true);

    // "Move to…" offers neither Sport itself nor what is below it.
    await rowAction(page, 'Sport', 'Move to…');
    let dialog = modal(page);
    await dialog.getByRole('button', { name: /New parent/ }).click();
    await page.getByRole('option', { name: /^Continents/ }).waitFor();
    expect(await page.getByRole('option', { name: /^(Sport|Europe)/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // With the keyboard alone: → to Europe's drag handle, Enter to pick it
    // up, arrows to "Drop on Continents", Enter to drop.
    await europe.getByText('Europe', { exact: true }).click();
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel(page)).toBe('Drag Europe');
    await page.keyboard.press('Enter');
    for (let step = 0; step < 80 && (await focusedLabel(page)) !== 'Drop on Continents'; step += 1) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await focusedLabel(page)).toBe('Drop on Continents');
    await page.keyboard.press('Enter');
    await page.getByText('Moved “Europe” into “Continents”.').waitFor();
    await expect.poll(() => parentOf(ids.europe)).toBe(ids.continents);

    // And with the dialog, to the top level (a null parent).
    await rowAction(page, 'Europe', 'Move to…');
    dialog = modal(page);
    await dialog.getByRole('button', { name: /New parent/ }).click();
    await page.getByRole('option', { name: 'None (top level)' }).click();
    await capture(page, 'taxonomy-move-dialog');
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Moved “Europe” to the top level.').waitFor();
    await expect.poll(() => parentOf(ids.europe)).toBeNull();
    expect(await treeRow(page, 'Europe').getAttribute('aria-level')).toBe('1');

    // A subcategory made from the row menu, then deleted (it is empty).
    await rowAction(page, 'Sport', 'Add subcategory');
    dialog = modal(page);
    await dialog.getByRole('heading', { name: 'New category in Sport' }).waitFor();
    await dialog.getByLabel('Name').fill('Tennis');
    await capture(page, 'taxonomy-new-category');
    await dialog.getByRole('button', { name: 'Create category' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await treeRow(page, 'Tennis').waitFor();
    const tennis = (await apiCategories(vellum.url)).find((c) => c.name === 'Tennis');
    expect(tennis?.parentId).toBe(ids.sport);

    await rowAction(page, 'Tennis', 'Delete');
    await modal(page).getByRole('button', { name: 'Delete category' }).click();
    await page.getByText('Deleted the category “Tennis”.').waitFor();
    await treeRow(page, 'Tennis').waitFor({ state: 'detached' });
    expect((await apiCategories(vellum.url)).some((c) => c.name === 'Tennis')).toBe(false);
    expect(editor.errors).toEqual([]);
  });

  it('renames, merges and deletes tags, with their usage counts', async () => {
    if (!editor) throw new Error('the category test signs the editor in');
    const { page } = editor;
    const table = page.getByRole('grid', { name: 'Tags' });
    await expect.poll(() => tagRow(page, 'Long read').textContent()).toContain('2 items');

    // Search narrows the table.
    await page.getByLabel('Search tags').fill('long');
    await expect.poll(() => table.getByRole('row').count()).toBe(4); // the header and three
    await capture(page, 'taxonomy-tags-search');

    // Rename: the misspelt slug goes too (empty: made from the new name).
    await page.getByLabel('Search tags').fill('');
    await tagRow(page, 'Opinon').getByRole('button', { name: 'Rename Opinon' }).click();
    let dialog = modal(page);
    await dialog.getByLabel('Name').fill('Opinion');
    await dialog.getByLabel('Slug').fill('');
    await capture(page, 'taxonomy-tag-rename');
    await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await tagRow(page, 'Opinion').waitFor();
    const renamed = (await apiTags(vellum.url)).find((t) => t.id === ids.tags.Opinon);
    expect(renamed).toMatchObject({ name: 'Opinion', slug: 'opinion', usageCount: 1 });

    // Merge the three spellings into "Long read".
    for (const name of ['Long read', 'Longread', 'Longform']) {
      // A click on the row toggles it, as its check box does.
      await tagRow(page, name).getByRole('rowheader').click();
    }
    await page.getByRole('button', { name: 'Merge selected' }).click();
    dialog = modal(page);
    await dialog.getByRole('radio', { name: /^Long read/ }).check({ force: true });
    const summary = dialog.getByText(/^Deleted: /);
    await expect.poll(() => summary.textContent()).toContain('“Longread” (1 item)');
    expect(await summary.textContent()).toContain('“Longform” (1 item)');
    await capture(page, 'taxonomy-tag-merge');
    await dialog.getByRole('button', { name: 'Merge tags' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Merged 2 tags into “Long read”: 2 items changed.').waitFor();
    await tagRow(page, 'Longread').waitFor({ state: 'detached' });
    const tags = await apiTags(vellum.url);
    expect(tags.map((t) => t.name)).not.toContain('Longread');
    expect(tags.map((t) => t.name)).not.toContain('Longform');
    expect(tags.find((t) => t.id === ids.tags['Long read'])?.usageCount).toBe(3);
    expect(await tagsOf(vellum.url, 'Notes on a marathon')).toEqual(['Long read', 'Obsolete']);
    expect(await tagsOf(vellum.url, 'Rail across the Alps')).toEqual(['Long read']);
    await expect.poll(() => tagRow(page, 'Long read').textContent()).toContain('3 items');
    await capture(page, 'taxonomy-tags-merged');

    // Delete, told how many items lose it.
    await tagRow(page, 'Obsolete').getByRole('button', { name: 'Delete Obsolete' }).click();
    dialog = modal(page);
    await dialog.getByText(/^1 item uses this tag and will lose it\./).waitFor();
    await capture(page, 'taxonomy-tag-delete');
    await dialog.getByRole('button', { name: 'Delete tag' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await tagRow(page, 'Obsolete').waitFor({ state: 'detached' });
    expect((await apiTags(vellum.url)).some((t) => t.name === 'Obsolete')).toBe(false);
    expect(await tagsOf(vellum.url, 'Notes on a marathon')).toEqual(['Long read']);
    expect(editor.errors).toEqual([]);
  });
});

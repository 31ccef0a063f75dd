// The media library end to end, in Debian's headless Chromium against a
// real `vellum serve`: an editor uploads two images (and a file the server
// refuses, whose reason shows on that file alone), sees them in the grid and
// the list, writes alt text and sets a focal point, makes, renames and
// deletes a folder, then in the content editor's media field uploads a
// third image from the picker and picks one of the first two; the saved
// item holds it and the library says where it is used.
// An unused image goes to the trash and comes back.
// Every screen is captured in light and dark and checked with axe.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SHOTS, capture, launch, open, type Session } from './admin/browser';
import { ADMIN, EDITOR, PASSWORD } from './admin/fixtures';
import { GALLERY_TYPE, createGalleryType, itemFields, mediaNamed, png } from './admin/media-fixtures';
import { startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;
let editor: Session;
let harbourId = '';
let itemId = '';
const ALT = 'Fishing boats moored in a quiet harbour at dawn';
const ITEM_TITLE = 'Morning at the harbour';

function modal(page: Page): Locator {
  return page.locator('[role="dialog"], [role="alertdialog"]');
}

function grid(page: Page, name = 'Files'): Locator {
  return page.getByRole('grid', { name });
}

beforeAll(async () => {
  vellum = await startVellum({
    before: [
      { args: ['seed-demo', '--items', '2', '--authors', '1', '--tags', '1'] },
      { args: ['create-admin', '--email', ADMIN.email, '--password-stdin'], stdin: ADMIN.password },
    ],
  });
  browser = await launch();
  await createGalleryType(vellum.url);
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  await editor?.page.screenshot({ path: `${SHOTS}/failed-media-${name}.png` }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
});

describe('the media library', () => {
  it('uploads two images, each with its progress, and shows a refused file its reason', async () => {
    editor = await open(browser);
    const { page } = editor;
    await page.goto(`${vellum.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(EDITOR);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Media library' }).click();
    await page.getByRole('heading', { name: 'Media library', level: 1 }).waitFor();
    await page.getByText('No files yet.').waitFor();
    await capture(page, 'media-library-empty');

    // The file chooser behind "Upload files" (the keyboard's way in; a drop
    // feeds the same queue).
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'harbour.png', mimeType: 'image/png', buffer: png(64, 48, [20, 60, 140], [240, 200, 120]) },
      { name: 'meadow.png', mimeType: 'image/png', buffer: png(48, 64, [40, 120, 40], [230, 240, 150]) },
      // Text calling itself a PNG: the server reads the bytes and says no.
      { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('shopping list: eggs, flour\n') },
    ]);
    const uploads = page.getByRole('region', { name: 'Uploads' });
    await uploads.getByText('2 of 3 uploaded, 1 failed').waitFor({ timeout: 30_000 });
    await uploads.getByText('The file is text/plain, not image/png as its name says.').waitFor();

    const files = grid(page);
    await files.getByRole('row', { name: 'harbour.png' }).waitFor();
    await files.getByRole('row', { name: 'meadow.png' }).waitFor();
    await expect.poll(() => files.getByRole('row').count()).toBe(2);
    // The thumbnails are real resized images from the server.
    await expect
      .poll(() =>
        files.locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length),
      )
      .toBe(2);
    await capture(page, 'media-uploads');

    const [harbour] = await mediaNamed(vellum.url, 'harbour.png');
    expect(harbour).toMatchObject({ mimeType: 'image/png', width: 64 });
    harbourId = harbour!.id;
    expect(await mediaNamed(vellum.url, 'notes.png')).toEqual([]);
    expect(editor.errors).toEqual([]);
  });

  it('sets alt text and the focal point, by click and by numbers', async () => {
    const { page } = editor;
    await grid(page).getByRole('row', { name: 'harbour.png' }).click();
    const dialog = modal(page);
    await dialog.getByRole('heading', { name: 'harbour.png' }).waitFor();
    await dialog.getByText('Not used by any item.').waitFor();

    await dialog.getByRole('textbox', { name: 'Alt text' }).fill(ALT);
    // A click on the picture a quarter of the way across, halfway down.
    const picture = dialog.locator('.media-focal-frame img');
    await expect.poll(() => picture.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const box = (await picture.boundingBox())!;
    await picture.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
    const across = dialog.getByRole('textbox', { name: 'Across (%)' });
    const down = dialog.getByRole('textbox', { name: 'Down (%)' });
    // Within a percent: a click lands on a whole pixel.
    await expect.poll(async () => Math.abs(Number(await across.inputValue()) - 25)).toBeLessThan(1);
    await expect.poll(async () => Math.abs(Number(await down.inputValue()) - 50)).toBeLessThan(1);
    // The keyboard's way: numbers in percent.
    await down.fill('60');
    await down.press('Tab');
    await capture(page, 'media-details');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('Saved.').waitFor();

    const [saved] = await mediaNamed(vellum.url, 'harbour.png');
    expect(saved?.alt).toBe(ALT);
    expect(saved?.focalPoint?.x).toBeCloseTo(0.25, 1);
    expect(saved?.focalPoint?.y).toBeCloseTo(0.6, 3);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The list view shows the alt text beside each file.
    await page.getByRole('radio', { name: 'List' }).click();
    const table = page.getByRole('grid', { name: 'Files' });
    await table.getByRole('row', { name: /harbour\.png/ }).getByText(ALT).waitFor();
    await capture(page, 'media-library-list');
    await page.getByRole('radio', { name: 'Grid' }).click();
    expect(editor.errors).toEqual([]);
  });

  it('makes, renames and deletes a folder', async () => {
    const { page } = editor;
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('button', { name: 'New folder' }).click();
    await modal(page).getByRole('textbox', { name: 'Folder name' }).fill('Harbours');
    await capture(page, 'media-folder-new');
    await modal(page).getByRole('button', { name: 'Create folder' }).click();
    await folders.getByRole('link', { name: 'Harbours' }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.getByText('No files here yet.').waitFor();

    await folders.getByRole('button', { name: 'Rename folder' }).click();
    await modal(page).getByRole('textbox', { name: 'Folder name' }).fill('Harbour photos');
    await modal(page).getByRole('button', { name: 'Rename' }).click();
    await folders.getByRole('link', { name: 'Harbour photos' }).waitFor();
    await capture(page, 'media-folder');

    await folders.getByRole('button', { name: 'Delete folder' }).click();
    await modal(page).getByRole('button', { name: 'Delete folder' }).click();
    await folders.getByRole('link', { name: 'Harbour photos' }).waitFor({ state: 'detached' });
    await grid(page).getByRole('row', { name: 'harbour.png' }).waitFor();
    expect(editor.errors).toEqual([]);
  });

  it('picks an image in the content editor and saves the item with it', async () => {
    const { page } = editor;
    await page.goto(`${vellum.url}/admin/content/${GALLERY_TYPE}/new`);
    await page.getByRole('textbox', { name: 'Title' }).fill(ITEM_TITLE);
    const field = page.getByRole('group', { name: 'Photo' });
    await field.getByText('No file chosen.').waitFor();
    await field.getByRole('button', { name: 'Choose a file for Photo' }).click();

    const picker = modal(page);
    await picker.getByRole('heading', { name: 'Choose a file for “Photo”' }).waitFor();
    await picker.getByText('This field takes image/* files.').waitFor();
    await grid(page, 'Library files').getByRole('row', { name: 'meadow.png' }).waitFor();
    // A file uploaded from the picker is chosen at once.
    await picker.locator('input[type="file"]').setInputFiles([
      { name: 'dock.png', mimeType: 'image/png', buffer: png(40, 40, [90, 90, 90], [200, 120, 60]) },
    ]);
    await picker.getByRole('region', { name: 'Uploads' }).getByText('1 of 1 uploaded').waitFor();
    await picker.getByText('Chosen: dock.png').waitFor();
    await picker.getByRole('searchbox', { name: 'Search the library' }).fill('harb');
    await grid(page, 'Library files').getByRole('row', { name: 'harbour.png' }).click();
    await picker.getByText('Chosen: harbour.png').waitFor();
    await capture(page, 'media-picker');
    await picker.getByRole('button', { name: 'Use this file' }).click();
    await picker.waitFor({ state: 'hidden' });

    await field.getByRole('button', { name: 'Remove harbour.png' }).waitFor();
    await capture(page, 'media-field');
    await page.getByRole('button', { name: 'Create' }).first().click();
    await page.waitForURL(/\/admin\/items\/[0-9a-f-]{36}$/);
    itemId = page.url().split('/').pop()!;
    // The saved item's field holds the picked file, shown again on load.
    await field.getByRole('button', { name: 'Remove harbour.png' }).waitFor();
    expect((await itemFields(vellum.url, itemId)).photo).toBe(harbourId);
    expect(editor.errors).toEqual([]);
  });

  it('says where a file is used, and filters by use', async () => {
    const { page } = editor;
    await page.goto(`${vellum.url}/admin/media?file=${harbourId}`);
    const dialog = modal(page);
    await dialog.getByText('Used in 1 item').waitFor();
    await dialog.getByRole('link', { name: ITEM_TITLE }).waitFor();
    await capture(page, 'media-usage');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.locator('.media-switch').click();
    await expect.poll(() => page.getByRole('switch', { name: 'Unused only' }).isChecked()).toBe(true);
    await grid(page).getByRole('row', { name: 'meadow.png' }).waitFor();
    await grid(page).getByRole('row', { name: 'dock.png' }).waitFor();
    await expect.poll(() => grid(page).getByRole('row').count()).toBe(2);
    await capture(page, 'media-library');
    expect(editor.errors).toEqual([]);
  });

  it('moves an unused file to the trash and restores it', async () => {
    const { page } = editor;
    await grid(page).getByRole('row', { name: 'meadow.png' }).click();
    const dialog = modal(page);
    await dialog.getByRole('button', { name: 'Move to the trash' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await grid(page).getByRole('row', { name: 'meadow.png' }).waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Trash' }).click();
    await grid(page).getByRole('row', { name: 'meadow.png' }).click();
    await dialog.getByText('This file is in the trash').waitFor();
    await capture(page, 'media-trash');
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('The trash is empty.').waitFor();
    expect(await mediaNamed(vellum.url, 'meadow.png')).toHaveLength(1);
    expect(editor.errors).toEqual([]);
    await editor.context.close();
  });
});

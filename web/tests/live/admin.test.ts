// The admin UI end to end, in Debian's headless Chromium against a real
// `vellum serve` on a fresh database: first-run setup; an author signs in
// with 2FA, creates a book with custom fields, meets a field error and
// submits it; an editor in a second browser context sees it arrive live on
// the dashboard and in the bell, asks for changes, then approves and
// publishes; the author is told; two people editing at once meet the
// conflict dialog; two versions are compared and one restored; a password
// is reset through the emailed link. Every screen is captured in light and
// dark and checked with axe. Screenshots: web/test-results/admin/.
import { gzipSync } from 'node:zlib';

import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SHOTS, capture, launch, open, type Session } from './admin/browser';
import { ADMIN, AUTHOR, EDITOR, PASSWORD, TAKEN_ISBN, prepare } from './admin/fixtures';
import { waitForMail } from './admin/mail';
import { freshTotp } from './admin/totp';
import { startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;
let author: Session;
let editor: Session;
/** A step's own browser context, pictured too when the step fails. */
let other: Session | undefined;
let authorSecret = '';
let bookUrl = '';
const TITLE = 'A Sea of Quiet Voices';
const figures: Record<string, number> = {};

/** The setup link `vellum serve` logs while no admin exists. */
async function setupLink(): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = vellum.log().match(/open (\S+\/admin\/setup\?token=[A-Za-z0-9_-]+)/);
    if (match?.[1]) return match[1];
    if (Date.now() > deadline) throw new Error(`no setup link in the log:\n${vellum.log()}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

async function signIn(page: Page, email: string, password: string, secret?: string) {
  await page.goto(`${vellum.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (secret) {
    await page.getByLabel('Code').fill(await freshTotp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** The open modal, whether a dialog or an alert dialog. */
function modal(page: Page) {
  return page.locator('[role="dialog"], [role="alertdialog"]');
}

/** Runs a workflow action from the editor's panel, confirming its dialog. */
async function act(page: Page, action: string, comment?: string): Promise<void> {
  await page.getByRole('region', { name: 'Workflow' }).getByRole('button', { name: action }).click();
  const dialog = modal(page);
  if (comment) await dialog.getByLabel(/Comment/).fill(comment);
  await dialog.getByRole('button', { name: action }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits for the editor's workflow panel to show a state. */
async function status(page: Page, label: string): Promise<void> {
  await page.getByRole('region', { name: 'Workflow' }).getByText(label, { exact: true }).first().waitFor();
}

/** The bell's accessible name carries the unread count. */
function bell(page: Page) {
  return page.getByRole('button', { name: /^Notifications/ });
}

beforeAll(async () => {
  vellum = await startVellum({
    env: { VELLUM_MAIL_WORKER_INTERVAL_MS: '200' },
    before: [{ args: ['seed-demo', '--items', '60', '--authors', '1', '--tags', '3'] }],
  });
  browser = await launch();
});

// A failed step leaves a picture of where each person was.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  for (const [who, session] of [['author', author], ['editor', editor], ['other', other]] as const) {
    await session?.page
      .screenshot({ path: `${SHOTS}/failed-${name}-${who}.png` })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
  if (Object.keys(figures).length > 0) {
    console.log(`admin e2e figures: ${JSON.stringify(figures)}`);
  }
});

describe('the admin UI', () => {
  it('sign-in loads under 250 KB of gzipped JavaScript', async () => {
    const { page, context } = await open(browser);
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      const body = await response.body().catch(() => undefined);
      if (body) scripts.set(response.url(), gzipSync(body, { level: 9 }).length);
    });
    await page.goto(`${vellum.url}/admin/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    figures.signInGzipJsBytes = total;
    expect(scripts.size).toBeGreaterThan(0);
    expect(total).toBeLessThan(250 * 1024);
    await context.close();
  });

  it('first run: the setup link from the log creates the administrator', async () => {
    const session = await open(browser);
    const link = await setupLink();
    await session.page.goto(link);
    await session.page.getByRole('heading', { name: 'Set up Vellum' }).waitFor();
    await capture(session.page, 'setup');
    await session.page.getByLabel('Your name').fill(ADMIN.name);
    await session.page.getByLabel('Email').fill(ADMIN.email);
    await session.page.getByLabel('Password').fill(ADMIN.password);
    await session.page.getByRole('button', { name: 'Create administrator' }).click();
    await session.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(session.errors).toEqual([]);
    await session.context.close();
    ({ authorSecret } = await prepare(vellum.url));
  });

  it('signs the author in with the second factor', async () => {
    author = await open(browser, 'America/New_York');
    await author.page.goto(`${vellum.url}/admin/sign-in`);
    await capture(author.page, 'sign-in');
    await author.page.getByLabel('Email').fill(AUTHOR);
    await author.page.getByLabel('Password').fill(PASSWORD);
    await author.page.getByRole('button', { name: 'Sign in' }).click();
    await author.page.getByLabel('Code').waitFor();
    await capture(author.page, 'two-factor');
    await author.page.getByLabel('Code').fill(await freshTotp(authorSecret));
    await author.page.getByRole('button', { name: 'Verify' }).click();
    await author.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await capture(author.page, 'dashboard-author');

    editor = await open(browser, 'Asia/Tokyo');
    await signIn(editor.page, EDITOR, PASSWORD);
  });

  it('creates a book, shows the field error, and submits it', async () => {
    const { page } = author;
    await page.goto(`${vellum.url}/admin/content/book`);
    await page.getByRole('heading', { name: /Book/, level: 1 }).waitFor();
    await page.getByRole('link', { name: /New Book/i }).first().click();
    await page.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    const isbn = page.getByRole('textbox', { name: 'ISBN' });
    await isbn.fill(TAKEN_ISBN);
    await page.getByRole('textbox', { name: 'Pages' }).fill('320');
    await page.getByRole('button', { name: 'Create' }).first().click();
    // The API refuses the ISBN another book holds, and says so on the field.
    await expect.poll(() => isbn.getAttribute('aria-invalid')).toBe('true');
    await capture(page, 'editor-field-error');
    await isbn.fill('978-1-23-456789-7');
    await page.getByRole('button', { name: 'Create' }).first().click();
    await page.waitForURL(/\/admin\/items\/[0-9a-f-]{36}$/);
    bookUrl = page.url();
    await status(page, 'Draft');
    await capture(page, 'editor');
    await act(page, 'Submit');
    await status(page, 'In review');
  });

  it('the editor sees it arrive live, asks for changes, approves and publishes', async () => {
    const { page } = editor;
    // Live on the dashboard's review queue and in the bell, no reload.
    const queue = page.getByRole('region', { name: 'Review queue' });
    await queue.getByRole('link', { name: TITLE }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await bell(page).getAttribute('aria-label')) ?? '').toMatch(/[1-9]\d* unread/);
    await capture(page, 'dashboard-editor');
    await bell(page).click();
    await modal(page).getByText(TITLE, { exact: false }).first().waitFor();
    await capture(page, 'notifications');
    await page.keyboard.press('Escape');

    await queue.getByRole('link', { name: TITLE }).click();
    await page.getByRole('region', { name: 'Workflow' }).getByRole('button', { name: 'Request changes' }).click();
    await modal(page).getByLabel(/Comment/).fill('Please add the translator to the blurb.');
    await capture(page, 'workflow-comment');
    await modal(page).getByRole('button', { name: 'Request changes' }).click();
    await status(page, 'Draft');

    // The author is told, and sends it again.
    await expect
      .poll(async () => (await bell(author.page).getAttribute('aria-label')) ?? '', { timeout: 15_000 })
      .toMatch(/[1-9]\d* unread/);
    await author.page.reload();
    await act(author.page, 'Submit');
    await status(author.page, 'In review');

    await page.reload();
    await act(page, 'Approve');
    await status(page, 'Approved');
    await act(page, 'Publish');
    await status(page, 'Published');

    await author.page.goto(`${vellum.url}/admin`);
    await bell(author.page).click();
    await modal(author.page).getByText(/published/i).first().waitFor({ timeout: 15_000 });
    await author.page.keyboard.press('Escape');
  });

  it('two people saving the same book meet the conflict dialog', async () => {
    await author.page.goto(bookUrl);
    await editor.page.goto(bookUrl);
    await editor.page.getByRole('textbox', { name: 'Excerpt' }).fill('Edited by the editor first.');
    await editor.page.getByRole('button', { name: 'Save' }).first().click();
    await editor.page.getByText('All changes saved').waitFor();
    // The author's open editor hears of it at once.
    await author.page.getByText(/Someone saved version \d+ while you were here/).waitFor();

    await author.page.getByRole('textbox', { name: 'Excerpt' }).fill('The author had other ideas.');
    await author.page.getByRole('button', { name: 'Save' }).first().click();
    const dialog = modal(author.page);
    await expect.poll(() => dialog.innerText()).toContain('Edited by the editor first.');
    await capture(author.page, 'conflict');
    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await author.page.getByText('All changes saved').waitFor();
    await expect.poll(() => author.page.getByRole('textbox', { name: 'Excerpt' }).inputValue()).toBe(
      'The author had other ideas.',
    );
  });

  it('shows a diff between two versions and restores one as a draft', async () => {
    const { page } = editor;
    await page.goto(`${bookUrl}/history`);
    await page.getByRole('heading', { name: /History/, level: 1 }).waitFor();
    await page.locator('ins, del').first().waitFor();
    await capture(page, 'history');
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await modal(page).getByRole('button', { name: 'Restore as draft' }).click();
    await page.waitForURL(bookUrl);
    await status(page, 'Draft');
    await expect.poll(() => page.getByRole('textbox', { name: 'Excerpt' }).inputValue()).toBe('');
  });

  it('lists 50 rows within 200 ms of the data arriving', async () => {
    const { page } = editor;
    await page.goto(`${vellum.url}/admin/content?first=50`);
    await page.getByRole('row').nth(50).waitFor();
    const measure = await page.evaluate(
      () => performance.getEntriesByName('vellum:list-render').at(-1)?.duration ?? -1,
    );
    figures.list50RenderMs = Math.round(measure * 10) / 10;
    await capture(page, 'content-list');
    expect(measure).toBeGreaterThanOrEqual(0);
    expect(measure).toBeLessThan(200);
  });

  it('the command palette jumps to an item', async () => {
    const { page } = editor;
    await page.keyboard.press('Control+k');
    await modal(page).waitFor();
    await page.keyboard.type('Sea of Quiet');
    await modal(page).getByText(TITLE).first().waitFor();
    await capture(page, 'command-palette');
    await page.keyboard.press('Enter');
    await page.waitForURL(bookUrl);
  });

  it('an unknown admin address says so, inside the shell', async () => {
    const { page } = editor;
    await page.goto(`${vellum.url}/admin/no/such/screen`);
    await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Go to the dashboard' }).waitFor();
    await capture(page, 'not-found');
  });

  it('resets a password through the emailed link', async () => {
    const session = await open(browser);
    const { page } = session;
    await page.goto(`${vellum.url}/forgot-password`);
    await capture(page, 'forgot-password');
    await page.getByLabel('Email').fill(AUTHOR);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(/on its way/).waitFor();
    const [link] = await waitForMail(vellum.dataDir, AUTHOR, /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/);
    await page.goto(link);
    await capture(page, 'reset-password');
    await page.getByLabel('New password').fill('A-brand-new-password-7');
    await page.getByLabel('Repeat it').fill('A-brand-new-password-7');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText(/every session was signed out/).waitFor();
    await signIn(page, AUTHOR, 'A-brand-new-password-7', authorSecret);
    // The author's other session was signed out by the reset: back to sign-in, with the reason.
    await author.page.goto(`${vellum.url}/admin`);
    await author.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await author.page.getByText(/Your session has ended/).waitFor();
    // The browser logs the 401 of the ended session's last request; nothing else.
    const errors = [...author.errors, ...editor.errors, ...session.errors];
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await session.context.close();
  });

  it('sign-up and the pages emails link to answer a bad link clearly', async () => {
    other = await open(browser);
    const { page, context, errors } = other;
    await page.goto(`${vellum.url}/admin/sign-in`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create an account' }).waitFor();
    await capture(page, 'sign-up');
    for (const [path, name] of [
      ['/verify-email?token=not-a-real-token', 'verify-email'],
      ['/complete-sign-up?token=not-a-real-token', 'complete-sign-up'],
    ] as const) {
      await page.goto(`${vellum.url}${path}`);
      await page.getByRole('alert').waitFor();
      await capture(page, name);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

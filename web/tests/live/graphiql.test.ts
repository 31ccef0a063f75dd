// GraphiQL in Debian's headless Chromium, with every request that leaves the
// machine refused: the page renders from the binary alone, the Docs pane
// lists Query, a typed query runs, a subscription streams, and a cookie
// sign-in works because the page sends the CSRF header. Screenshots go to
// web/test-results/graphiql/.

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startVellum, type Vellum } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../test-results/graphiql');
const ADMIN = { email: 'admin@example.com', password: 'Graphiql-live-test-9f3b!' };

let vellum: Vellum;
let browser: Browser;
const offsite: string[] = [];
const consoleErrors: string[] = [];

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

async function openGraphiql(origin: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    offsite.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${origin}/graphiql`);
  await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
  await page.locator('.graphiql-query-editor .view-lines').first().waitFor();
  return page;
}

/** The text of the response pane, Monaco's non-breaking spaces made plain. */
async function responseText(page: Page): Promise<string> {
  const text = await page.locator('.graphiql-response').innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Replaces the operation in the editor and runs it. */
async function run(page: Page, operation: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Monaco closes brackets as they are typed: insert the text whole.
  await page.keyboard.insertText(operation);
  await page.keyboard.press('Escape');
  // GraphiQL reads the operation names from the editor after a debounce.
  await page.waitForTimeout(600);
  await page.getByRole('button', { name: /Execute query/ }).click();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  vellum = await startVellum({
    before: [
      {
        args: ['create-admin', '--email', ADMIN.email, '--password-stdin'],
        stdin: ADMIN.password,
      },
    ],
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Root (CI) cannot use Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
});

describe('GraphiQL at /graphiql', () => {
  it('renders offline, shows the docs, runs a typed query and a subscription, signs in by cookie', async () => {
    const page = await openGraphiql(vellum.url);
    await shot(page, '1-loaded');

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().waitFor();
    await expect(docs.innerText()).resolves.toContain('Subscription');
    await shot(page, '2-docs');

    await run(page, '{ health version }');
    await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('"health"');
    expect(await responseText(page)).not.toContain('"errors"');
    await shot(page, '3-query');

    await run(page, 'subscription Clock { serverTime }');
    await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('"serverTime"');
    const first = await responseText(page);
    // Ticks once a second: a second event replaces the first.
    await expect.poll(() => responseText(page), { timeout: 15_000 }).not.toBe(first);
    await shot(page, '4-subscription');
    await page.getByRole('button', { name: /Stop/ }).click();

    await run(
      page,
      `mutation { signIn(input: { email: "${ADMIN.email}", password: "${ADMIN.password}", cookies: true }) { user { email } } }`,
    );
    await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain(ADMIN.email);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name)).toContain('vellum_csrf');
    // Cookie-authenticated requests without the CSRF header are refused
    // (FORBIDDEN): this answers only because the page sends it.
    await run(page, '{ me { email role { name } } }');
    await expect.poll(() => responseText(page), { timeout: 15_000 }).toContain('SUPERADMIN');
    expect(await responseText(page)).toContain(ADMIN.email);
    await shot(page, '5-signed-in');

    expect(offsite).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});

// The admin's session over time, with access tokens that live a minute: the
// page refreshes them silently (and keeps doing so), the live connection
// comes back after each refresh, and the user never sees sign-in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { launch, open } from './admin/browser';
import { AUTHOR, EDITOR, PASSWORD, bearer, must } from './admin/fixtures';
import { startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;

beforeAll(async () => {
  vellum = await startVellum({
    env: { VELLUM_ACCESS_TOKEN_TTL: '60' },
    before: [{ args: ['seed-demo', '--items', '3', '--authors', '1', '--tags', '1'] }],
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
});

it('refreshes the session silently and keeps the live views live', async () => {
  const { page, context, errors } = await open(browser);
  let refreshes = 0;
  page.on('request', (request) => {
    if (request.postData()?.includes('"operationName":"RefreshSession"')) refreshes += 1;
  });
  await page.goto(`${vellum.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EDITOR);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

  // A minute's token is refreshed a minute early, so at once and then every
  // few seconds: wait for two.
  await expect.poll(() => refreshes, { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(2);

  // The bell's subscription survived the reconnects: a review request made
  // now reaches it without a reload.
  const author = await bearer(vellum.url, AUTHOR, PASSWORD);
  const created = await must(
    vellum.url,
    `mutation ($input: CreateContentInput!) { createContent(input: $input) { content { id } } }`,
    { input: { type: 'article', title: 'Fresh after refresh' } },
    author,
  );
  await must(
    vellum.url,
    `mutation ($input: ContentIdInput!) { submitForReview(input: $input) { content { status } } }`,
    { input: { id: created.createContent.content.id } },
    author,
  );
  const bell = page.getByRole('button', { name: /^Notifications/ });
  await expect
    .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 15_000 })
    .toMatch(/[1-9]\d* unread/);

  // And plain requests still carry a valid session.
  await page.getByRole('link', { name: 'All content' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Fresh after refresh' }).first().waitFor();
  expect(page.url()).not.toContain('sign-in');
  expect(errors).toEqual([]);
  await context.close();
});

// Chromium for the admin tests: contexts that refuse anything off this
// machine and record console errors, screenshots in both themes, and axe.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

import { seriousViolations, type Violation } from './axe';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = resolve(import.meta.dirname, '../../../test-results/admin');

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

export async function launch(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI: Chromium's sandbox needs user namespaces it may not have.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

export async function open(browser: Browser, timezoneId = 'Europe/Paris'): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId });
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return { context, page, errors };
}

/** Sets the theme the way the theme menu does, without a reload. */
async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((value) => {
    localStorage.setItem('vellum.theme', value);
    document.documentElement.dataset.theme = value;
  }, theme);
}

/**
 * Screenshots the screen in light and dark, and checks it with axe in both:
 * no serious or critical violation.
 */
export async function capture(page: Page, name: string): Promise<void> {
  const found: Record<string, Violation[]> = {};
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.waitForTimeout(50);
    await page.screenshot({ path: resolve(SHOTS, `${name}-${theme}.png`), fullPage: true });
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[theme] = violations;
  }
  await setTheme(page, 'light');
  expect(found, `axe on ${name}: ${JSON.stringify(found)}`).toEqual({});
}

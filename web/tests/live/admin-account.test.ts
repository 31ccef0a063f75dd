// "My account" and "API keys" end to end, in Debian's headless Chromium
// against a real `vellum serve`: an administrator renames themself and
// verifies their address through the emailed link; the password meter
// agrees with the server; two-factor shows "Off", is set up with a code the
// test computes and shows "On", is used to sign in again (a mistyped code
// refused, then the corrected one accepted), then given new backup codes
// and turned off with them; revoking another session signs that browser out; the
// notification settings are saved; an API key is created, used once from
// the test, shows its last use, and stops working once revoked; "sign out
// everywhere" ends every session. Every screen is captured in light and
// dark and checked with axe. Screenshots: web/test-results/admin/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ACCOUNT_ADMIN, withApiKey } from './admin/account-fixtures';
import { SHOTS, capture, launch, open, type Session } from './admin/browser';
import { AUTHOR, PASSWORD } from './admin/fixtures';
import { waitForMail } from './admin/mail';
import { freshTotp, totp } from './admin/totp';
import { startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;
/** The administrator's main browser. */
let admin: Session;
/** The same administrator in a second browser. */
let other: Session | undefined;
let password = ACCOUNT_ADMIN.password;

async function signIn(page: Page, email: string, pass = password) {
  await page.goto(`${vellum.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

async function openAccount(page: Page, tab?: string) {
  await page.goto(`${vellum.url}/admin/account${tab ? `?tab=${tab}` : ''}`);
  await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
}

/** Six digits the server takes for no step of its window around now. */
function wrongTotp(secret: string): string {
  const near = [-30_000, 0, 30_000].map((shift) => totp(secret, Date.now() + shift));
  return ['000000', '111111', '222222', '333333'].find((code) => !near.includes(code)) ?? '444444';
}

/** Waits until the two-factor panel's badge says `state`, read from the API. */
async function twoFactorShows(page: Page, state: 'On' | 'Off') {
  const badge = page.getByRole('region', { name: 'Two-factor authentication' }).locator('.badge');
  await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe(state);
}

/** The open modal, whether a dialog or an alert dialog. */
function modal(page: Page) {
  return page.locator('[role="dialog"], [role="alertdialog"]');
}

/** Errors a browser logs for the last requests of a session that was ended. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/status of 401|HTTP 401/.test(e));
}

beforeAll(async () => {
  vellum = await startVellum({
    env: { VELLUM_MAIL_WORKER_INTERVAL_MS: '200' },
    before: [
      { args: ['seed-demo', '--items', '3', '--authors', '1', '--tags', '1'] },
      {
        args: ['create-admin', '--email', ACCOUNT_ADMIN.email, '--password-stdin'],
        stdin: ACCOUNT_ADMIN.password,
      },
    ],
  });
  browser = await launch();
  admin = await open(browser);
  await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: vellum.url,
  });
});

// A failed step leaves a picture of where each browser was.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  for (const [who, session] of [['admin', admin], ['other', other]] as const) {
    await session?.page
      .screenshot({ path: `${SHOTS}/failed-account-${name}-${who}.png` })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
});

describe('my account', () => {
  it('renames the user and verifies the address through the emailed link', async () => {
    const { page } = admin;
    await signIn(page, ACCOUNT_ADMIN.email);
    await openAccount(page);
    await page.getByText('Not verified').waitFor();
    await capture(page, 'account-profile');

    await page.getByRole('textbox', { name: 'Display name' }).fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Display name saved.').waitFor();
    // The top bar reads the same cached user.
    await expect.poll(() => page.getByLabel('Signed in as').innerText()).toContain('Ada Lovelace');

    await page.getByRole('button', { name: 'Send verification email' }).click();
    await page.getByText(/A verification link is on its way/).waitFor();
    const [link] = await waitForMail(
      vellum.dataDir,
      ACCOUNT_ADMIN.email,
      /https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/,
    );
    await page.goto(link);
    await page.getByText('Your email address is verified.').waitFor();
    await openAccount(page);
    await page.getByText('Verified', { exact: true }).waitFor();
    expect(admin.errors).toEqual([]);
  });

  it('judges a new password as the server does, then changes it', async () => {
    const { page } = admin;
    await openAccount(page, 'security');
    await page.getByRole('textbox', { name: 'Current password' }).fill(password);
    const fresh = page.getByRole('textbox', { name: 'New password', exact: true });
    const meter = page.getByRole('meter', { name: 'Strength' });

    await fresh.fill('short');
    await expect.poll(() => meter.getAttribute('aria-valuetext')).toBe('Too short');
    await fresh.fill('password1234');
    await expect.poll(() => meter.getAttribute('aria-valuetext')).toBe('Weak');
    await page.getByText(/too common or too easy to guess/).first().waitFor();
    await capture(page, 'account-password');

    // The server refuses it too, under the same field.
    await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('password1234');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => fresh.getAttribute('aria-invalid')).toBe('true');

    await fresh.fill(ACCOUNT_ADMIN.newPassword);
    await expect.poll(() => meter.getAttribute('aria-valuetext')).toMatch(/Strong|Very strong/);
    await page.getByRole('textbox', { name: 'Repeat the new password' }).fill(ACCOUNT_ADMIN.newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText(/Password changed\./).waitFor();
    password = ACCOUNT_ADMIN.newPassword;
    expect(admin.errors).toEqual([]);
  });

  it('sets up two-factor with a computed code, signs in with one, renews the backup codes and turns it off', async () => {
    const { page } = admin;
    await openAccount(page, 'security');
    // Off from the start: only setting it up is offered.
    await twoFactorShows(page, 'Off');
    expect(await page.getByRole('button', { name: 'Get new backup codes' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await page.locator('.two-factor-secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await capture(page, 'account-two-factor-setup');

    await page.getByRole('textbox', { name: 'Code from the app' }).fill(await freshTotp(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const codes = page.getByRole('region', { name: 'Your backup codes' }).locator('li code');
    await expect.poll(() => codes.count()).toBe(10);
    const backup = await codes.allInnerTexts();
    await capture(page, 'account-backup-codes');
    await page.getByRole('button', { name: 'Copy the codes' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(backup.join('\n'));
    await page.getByRole('button', { name: 'I have stored them' }).click();
    await twoFactorShows(page, 'On');
    await page.getByRole('button', { name: 'Get new backup codes' }).waitFor();
    expect(await page.getByRole('button', { name: 'Set up two-factor authentication' }).count()).toBe(0);
    await capture(page, 'account-two-factor-on');

    // Sign out, and back in: a mistyped code is refused under the field, and
    // the corrected one, typed over it, is sent and accepted.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(`${vellum.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(ACCOUNT_ADMIN.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const signInCode = page.getByRole('textbox', { name: 'Code' });
    await signInCode.fill(wrongTotp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('the code is wrong or used').waitFor();
    expect(await signInCode.getAttribute('aria-invalid')).toBe('true');
    await signInCode.fill(await freshTotp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    // A backup code buys new ones; one of those turns two-factor off.
    await openAccount(page, 'security');
    await twoFactorShows(page, 'On');
    const code = page.getByRole('textbox', { name: 'Code from your authenticator, or a backup code' });
    await code.fill(backup[0] ?? '');
    await page.getByRole('button', { name: 'Get new backup codes' }).click();
    await expect.poll(() => codes.count()).toBe(10);
    const renewed = await codes.allInnerTexts();
    expect(renewed).not.toContain(backup[1]);
    await page.getByRole('button', { name: 'I have stored them' }).click();
    await code.fill(renewed[0] ?? '');
    await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
    await page.getByText('Two-factor authentication is off.').waitFor();
    await twoFactorShows(page, 'Off');
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).waitFor();
    expect(admin.errors).toEqual([]);
  });

  it('revoking another session signs that browser out', async () => {
    other = await open(browser, 'Asia/Tokyo');
    await signIn(other.page, ACCOUNT_ADMIN.email);

    const { page } = admin;
    await openAccount(page, 'sessions');
    const rows = page.getByRole('table').getByRole('row');
    // The header, this session and the other browser's.
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByText('This session').waitFor();
    await capture(page, 'account-sessions');
    await page.getByRole('button', { name: /^Sign out .+, signed in / }).click();
    await page.getByText(/was signed out\./).waitFor();
    await expect.poll(() => rows.count()).toBe(2);

    // The other browser's next request finds its session gone.
    await other.page.getByRole('link', { name: 'All content' }).click();
    await other.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await other.page.getByText(/Your session has ended/).waitFor();
    expect(unexpected(other.errors)).toEqual([]);
    expect(admin.errors).toEqual([]);
    await other.context.close();
    other = undefined;
  });

  it('saves notification settings per kind and the email digest', async () => {
    const { page } = admin;
    await openAccount(page, 'notifications');
    const published = page.getByRole('checkbox', { name: 'Published: by email' });
    await published.waitFor({ state: 'attached' });
    expect(await published.isChecked()).toBe(false);
    // Security notices cannot be turned off.
    expect(await page.getByRole('checkbox', { name: 'Password changed: by email' }).isDisabled()).toBe(true);
    await capture(page, 'account-notifications');

    await published.check({ force: true });
    await page.getByRole('button', { name: /Email delivery/ }).click();
    await page.getByRole('option', { name: 'A daily digest' }).click();
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    await page.getByText('Notification settings saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor();
    await expect.poll(() => published.isChecked()).toBe(true);
    await expect
      .poll(() => page.getByRole('button', { name: /Email delivery/ }).innerText())
      .toContain('A daily digest');
    expect(admin.errors).toEqual([]);
  });
});

describe('API keys', () => {
  it('creates a key, which works once from outside, shows its last use, and fails once revoked', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByText('No API keys yet').waitFor();
    await capture(page, 'api-keys-empty');

    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = modal(page);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Nightly export');
    await dialog.getByRole('checkbox', { name: 'content.read_draft' }).check({ force: true });
    await dialog.getByRole('checkbox', { name: 'content.publish' }).check({ force: true });
    await dialog.getByRole('button', { name: /Expires/ }).click();
    await page.getByRole('option', { name: 'In 30 days' }).click();
    await capture(page, 'api-keys-create');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const secretDialog = page.getByRole('alertdialog', { name: 'Copy your new key' });
    const secret = await secretDialog.getByRole('textbox', { name: 'Secret key' }).inputValue();
    expect(secret).toMatch(/^vk_/);
    await capture(page, 'api-keys-secret');
    await secretDialog.getByRole('button', { name: 'Copy the key' }).click();
    await secretDialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await secretDialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /Nightly export/ });
    await row.getByText(`${secret.slice(0, 11)}…`).waitFor();
    await row.getByText('content.publish').waitFor();
    const lastUsed = row.locator('[data-column="last-used"]');
    expect(await lastUsed.innerText()).toBe('Never');

    // The key acts as its maker, within its scopes only.
    const used = await withApiKey(vellum.url, secret, '{ me { email } }');
    expect(used.body.errors).toBeUndefined();
    expect(used.body.data.me.email).toBe(ACCOUNT_ADMIN.email);
    const beyond = await withApiKey(vellum.url, secret, '{ apiKeys { id } }');
    expect(beyond.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The use is noted in the background: reload until it shows.
    await expect
      .poll(
        async () => {
          await page.reload();
          await row.waitFor();
          return lastUsed.innerText();
        },
        { timeout: 15_000, interval: 500 },
      )
      .not.toBe('Never');
    await capture(page, 'api-keys');

    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const confirm = page.getByRole('alertdialog', { name: /Revoke “Nightly export”/ });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('Revoked', { exact: true }).waitFor();
    const refused = await withApiKey(vellum.url, secret, '{ me { email } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(admin.errors).toEqual([]);
  });

  it('tells a user without the permission that they cannot manage keys', async () => {
    const session = await open(browser);
    await signIn(session.page, AUTHOR, PASSWORD);
    await expect.poll(() => session.page.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await session.page.goto(`${vellum.url}/admin/api-keys`);
    await session.page.getByText('You cannot manage API keys').waitFor();
    await capture(session.page, 'api-keys-forbidden');
    expect(session.errors).toEqual([]);
    await session.context.close();
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the user, this one included', async () => {
    other = await open(browser);
    await signIn(other.page, ACCOUNT_ADMIN.email);
    const { page } = admin;
    await openAccount(page, 'sessions');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign out everywhere?' });
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await other.page.reload();
    await other.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(unexpected(admin.errors)).toEqual([]);
    expect(unexpected(other.errors)).toEqual([]);
    await other.context.close();
    other = undefined;
  });
});

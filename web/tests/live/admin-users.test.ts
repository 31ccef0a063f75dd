// Users, roles and the audit log end to end, in Debian's headless Chromium
// against a real `vellum serve` seeded with demo people: an ADMIN finds an
// author and promotes them to EDITOR (checked through the API); when the
// ADMIN's own rank drops while the page is open, granting SUPERADMIN is
// refused with the API's message and the page catches up; managers cannot
// touch those who outrank them; deactivation, two-factor resets (offered
// only for a user who has two-factor on) and signing out a user's sessions
// are confirmed first and take effect; an
// invitation offers only lower roles and its emailed link sets the
// password; the roles matrix; the audit log filtered
// by action and actor shows the role change, its details, and links to the
// user; an EDITOR (users.read only) sees no manage controls. Every screen is
// captured in light and dark and checked with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SHOTS, capture, launch, open, type Session } from './admin/browser';
import { bearer } from './admin/fixtures';
import { waitForMail } from './admin/mail';
import {
  ADMIN,
  DEACTIVATED,
  INVITED,
  PASSWORD,
  PROMOTED,
  READER,
  ROOT,
  TWO_FACTOR,
  enableTwoFactor,
  setRole,
  signsInWithPasswordAlone,
  userByEmail,
  type ApiUser,
} from './admin/users-fixtures';
import { graphql, startVellum, type Vellum } from './server';

let vellum: Vellum;
let browser: Browser;
let admin: Session;
let reader: Session | undefined;
let root: Record<string, string>;
let adminUser: ApiUser;
let promoted: ApiUser;

async function signIn(page: Page, email: string) {
  await page.goto(`${vellum.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

function modal(page: Page) {
  return page.locator('[role="dialog"], [role="alertdialog"]');
}

/** The role select on a user's page (its button is named by value and label). */
function roleSelect(page: Page) {
  return page.getByRole('region', { name: 'Manage' }).getByRole('button', { name: /New role/ });
}

/** The roles the open role select offers. */
async function offeredRoles(page: Page): Promise<string[]> {
  await roleSelect(page).click();
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  const names = await listbox.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  await listbox.waitFor({ state: 'hidden' });
  return names.map((n) => n.trim());
}

/** The "Two-factor" fact on a user's page ("On" or "Off"). */
function twoFactorFact(page: Page) {
  return page
    .getByRole('region', { name: 'Account' })
    .locator('dt', { hasText: 'Two-factor' })
    .locator('xpath=following-sibling::dd[1]');
}

async function openUser(page: Page, user: ApiUser) {
  await page.goto(`${vellum.url}/admin/users/${user.id}`);
  await page.getByRole('heading', { name: user.displayName, level: 1 }).waitFor();
}

beforeAll(async () => {
  vellum = await startVellum({
    env: {
      VELLUM_ADMIN_EMAIL: ROOT.email,
      VELLUM_ADMIN_PASSWORD: ROOT.password,
      VELLUM_MAIL_WORKER_INTERVAL_MS: '200',
    },
    before: [{ args: ['seed-demo', '--items', '5', '--authors', '3', '--tags', '2'] }],
  });
  root = await bearer(vellum.url, ROOT.email, ROOT.password);
  adminUser = await userByEmail(vellum.url, root, ADMIN);
  await setRole(vellum.url, root, adminUser.id, 'ADMIN');
  promoted = await userByEmail(vellum.url, root, PROMOTED);
  await enableTwoFactor(vellum.url, TWO_FACTOR);
  browser = await launch();
  admin = await open(browser);
  await signIn(admin.page, ADMIN);
});

// A failed step leaves a picture of where each person was.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
  for (const [who, session] of [
    ['admin', admin],
    ['reader', reader],
  ] as const) {
    await session?.page
      .screenshot({ path: `${SHOTS}/failed-users-${name}-${who}.png` })
      .catch(() => undefined);
  }
});

afterAll(async () => {
  await browser?.close();
  await vellum?.stop();
});

describe('users, roles and the audit log', () => {
  it('an ADMIN finds an author and promotes them to EDITOR', async () => {
    const { page } = admin;
    await page.goto(`${vellum.url}/admin/users`);
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Users' });
    await table.getByRole('link', { name: promoted.displayName }).waitFor();
    await capture(page, 'users-list');

    // Filters live in the URL: a reload shows the same narrowed list.
    await page.getByRole('button', { name: /Role/ }).first().click();
    await page.getByRole('option', { name: 'AUTHOR' }).click();
    await page.waitForURL(/role=AUTHOR/);
    await page.getByRole('searchbox', { name: 'Search' }).fill('author-001');
    await page.waitForURL(/q=author-001/);
    await page.reload();
    await expect
      .poll(() => page.getByRole('searchbox', { name: 'Search' }).inputValue())
      .toBe('author-001');
    await expect.poll(() => table.getByRole('row').count()).toBe(2); // the header and one user
    await capture(page, 'users-list-filtered');

    await table.getByRole('link', { name: promoted.displayName }).click();
    await page.getByRole('heading', { name: promoted.displayName, level: 1 }).waitFor();
    // Only roles below the ADMIN's own are offered.
    expect(await offeredRoles(page)).toEqual(['VIEWER', 'AUTHOR', 'EDITOR']);
    await capture(page, 'users-detail');

    await roleSelect(page).click();
    await page.getByRole('option', { name: 'EDITOR' }).click();
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByRole('status').getByText(`${promoted.displayName} is now EDITOR.`).waitFor();
    expect((await userByEmail(vellum.url, root, PROMOTED)).role.name).toBe('EDITOR');
    expect(admin.errors).toEqual([]);
  });

  it('granting SUPERADMIN after the ADMIN’s own rank dropped is refused with the API’s message', async () => {
    const { page } = admin;
    // The ADMIN is made SUPERADMIN, and the page (reloaded) offers every role...
    await setRole(vellum.url, root, adminUser.id, 'SUPERADMIN');
    await page.reload();
    await page.getByRole('heading', { name: promoted.displayName, level: 1 }).waitFor();
    await expect.poll(() => offeredRoles(page)).toContain('SUPERADMIN');
    // ...then demoted back to ADMIN by the root while the page stays open.
    await setRole(vellum.url, root, adminUser.id, 'ADMIN');

    await roleSelect(page).click();
    await page.getByRole('option', { name: 'SUPERADMIN' }).click();
    await page.getByRole('button', { name: 'Change role' }).click();
    await page
      .getByRole('alert')
      .getByText('you cannot grant a role at or above your own')
      .waitFor();
    // The page learns the ADMIN's rank as it is now and offers only what it allows.
    await expect.poll(() => offeredRoles(page)).toEqual(['VIEWER', 'AUTHOR', 'EDITOR']);
    await capture(page, 'users-detail-refused');
    expect((await userByEmail(vellum.url, root, PROMOTED)).role.name).toBe('EDITOR');
  });

  it('offers nothing to change on those who outrank the ADMIN, nor on themself', async () => {
    const { page } = admin;
    const superadmin = await userByEmail(vellum.url, root, ROOT.email);
    await openUser(page, superadmin);
    const manage = page.getByRole('region', { name: 'Manage' });
    await manage.getByText('Their role is at or above yours').waitFor();
    expect(await manage.getByRole('button').count()).toBe(0);

    await openUser(page, adminUser);
    await manage.getByText('You cannot change your own role').waitFor();
    expect(await manage.getByRole('button').count()).toBe(0);
  });

  it('deactivates and reactivates a user, each confirmed first', async () => {
    const { page } = admin;
    const user = await userByEmail(vellum.url, root, DEACTIVATED);
    await openUser(page, user);
    await page.getByRole('button', { name: 'Deactivate…' }).click();
    const dialog = modal(page);
    await dialog.getByText('is signed out of every session').waitFor();
    await capture(page, 'users-deactivate-confirm');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .getByText('is deactivated and was signed out everywhere')
      .waitFor();
    expect((await userByEmail(vellum.url, root, DEACTIVATED)).active).toBe(false);
    expect(await signsInWithPasswordAlone(vellum.url, DEACTIVATED)).toBe(false);

    await page.getByRole('button', { name: 'Reactivate…' }).click();
    await dialog.getByRole('button', { name: 'Reactivate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('can sign in again').waitFor();
    expect((await userByEmail(vellum.url, root, DEACTIVATED)).active).toBe(true);
    expect(await signsInWithPasswordAlone(vellum.url, DEACTIVATED)).toBe(true);
  });

  it('offers resetting two-factor only to a user who has it on, and resets it after confirmation', async () => {
    const { page } = admin;
    const reset = page.getByRole('button', { name: 'Reset two-factor…' });
    // Without two-factor there is nothing to reset.
    const without = await userByEmail(vellum.url, root, DEACTIVATED);
    expect(without.twoFactorEnabled).toBe(false);
    await openUser(page, without);
    await page.getByRole('button', { name: 'Deactivate…' }).waitFor();
    expect(await twoFactorFact(page).innerText()).toBe('Off');
    expect(await reset.count()).toBe(0);

    expect(await signsInWithPasswordAlone(vellum.url, TWO_FACTOR)).toBe(false);
    const user = await userByEmail(vellum.url, root, TWO_FACTOR);
    expect(user.twoFactorEnabled).toBe(true);
    await openUser(page, user);
    expect(await twoFactorFact(page).innerText()).toBe('On');
    await reset.click();
    const dialog = modal(page);
    await capture(page, 'users-reset-two-factor');
    await dialog.getByRole('button', { name: 'Reset two-factor' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('two-factor authentication is off').waitFor();
    expect(await twoFactorFact(page).innerText()).toBe('Off');
    expect(await reset.count()).toBe(0);
    expect((await userByEmail(vellum.url, root, TWO_FACTOR)).twoFactorEnabled).toBe(false);
    expect(await signsInWithPasswordAlone(vellum.url, TWO_FACTOR)).toBe(true);
    expect(admin.errors).toEqual([]);
  });

  it('signs out another user’s session, after confirmation', async () => {
    const { page } = admin;
    // A session of the user's (say, a script of theirs) the ADMIN ends.
    const theirs = await bearer(vellum.url, TWO_FACTOR, PASSWORD);
    const me = () => graphql(vellum.url, '{ me { id } }', {}, theirs);
    expect((await me()).body.data?.me?.id).toBeTruthy();

    const user = await userByEmail(vellum.url, root, TWO_FACTOR);
    await openUser(page, user);
    const sessions = page.getByRole('region', { name: 'Sessions' });
    await sessions.getByRole('listitem').first().waitFor();
    await capture(page, 'users-sessions');
    // Every session of theirs, one by one, each confirmed.
    for (let left = await sessions.getByRole('listitem').count(); left > 0; left -= 1) {
      await sessions
        .getByRole('button', { name: /^Sign out/ })
        .first()
        .click();
      const dialog = modal(page);
      await dialog.getByRole('button', { name: 'Sign out' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => sessions.getByRole('listitem').count()).toBe(left - 1);
    }
    await sessions.getByText('is not signed in anywhere').waitFor();
    const after = await me();
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('invites a user with a role below the ADMIN’s own; the emailed link sets their password', async () => {
    const { page } = admin;
    await page.goto(`${vellum.url}/admin/users`);
    await page.getByRole('button', { name: 'Invite user' }).click();
    const dialog = modal(page);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(INVITED.email);
    await dialog.getByRole('textbox', { name: 'Name' }).fill(INVITED.name);
    await dialog.getByRole('button', { name: /Role/ }).click();
    const offered = await page.getByRole('listbox').getByRole('option').allTextContents();
    expect(offered.map((o) => o.trim())).toEqual(['VIEWER', 'AUTHOR', 'EDITOR']);
    await page.getByRole('option', { name: 'AUTHOR' }).click();
    await capture(page, 'users-invite');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText(`Invitation sent to ${INVITED.email}`).waitFor();
    await page
      .getByRole('table', { name: 'Users' })
      .getByRole('link', { name: INVITED.name })
      .waitFor();
    const user = await userByEmail(vellum.url, root, INVITED.email);
    expect(user.role.name).toBe('AUTHOR');

    const [link] = await waitForMail(
      vellum.dataDir,
      INVITED.email,
      /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/,
    );
    const invitee = await open(browser);
    await invitee.page.goto(link);
    await invitee.page.getByLabel('New password').fill(INVITED.password);
    await invitee.page.getByLabel('Repeat it').fill(INVITED.password);
    await invitee.page.getByRole('button', { name: 'Set password' }).click();
    await invitee.page.getByRole('heading', { name: 'Password changed' }).waitFor();
    expect(invitee.errors).toEqual([]);
    await invitee.context.close();
    await bearer(vellum.url, INVITED.email, INVITED.password);
    expect(admin.errors).toEqual([]);
  });

  it('shows each role’s permissions as a matrix', async () => {
    const { page } = admin;
    await page.goto(`${vellum.url}/admin/roles`);
    await page.getByRole('heading', { name: 'Roles', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /^users\.manage/ });
    // The heading shows before the roles have loaded.
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // Columns: VIEWER, AUTHOR, EDITOR, ADMIN, SUPERADMIN (lowest level first).
    expect(cells.map((c) => (c.includes('not granted') ? 'no' : 'yes'))).toEqual([
      'no',
      'no',
      'no',
      'yes',
      'yes',
    ]);
    await capture(page, 'roles');
  });

  it('the audit log, filtered by action and actor, shows the role change and links to the user', async () => {
    const { page } = admin;
    await page.goto(`${vellum.url}/admin/audit`);
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    await table.getByRole('row').nth(1).waitFor();
    await capture(page, 'audit-log');

    await page.getByRole('combobox', { name: 'Action' }).fill('user.role');
    await page.getByRole('option', { name: 'user.role_changed' }).click();
    await page.waitForURL(/action=user\.role_changed/);
    await page.getByRole('combobox', { name: 'Actor' }).fill('editor-002');
    await page.getByRole('option', { name: new RegExp(ADMIN) }).click();
    await page.waitForURL(new RegExp(`actor=${adminUser.id}`));
    // Picking closes the list (an open list hides the rest of the page from assistive tech).
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    // The ADMIN changed one role; the refused attempt changed nothing.
    await expect.poll(() => table.getByRole('row').count()).toBe(2);

    await table.getByRole('button', { name: /^Details/ }).click();
    const details = table.getByLabel('Details (JSON)');
    await expect.poll(() => details.innerText()).toMatch(/"to": "EDITOR"/);
    await capture(page, 'audit-log-details');

    await table.getByRole('link', { name: /^User / }).click();
    await page.waitForURL(`${vellum.url}/admin/users/${promoted.id}`);
    await page.getByRole('heading', { name: promoted.displayName, level: 1 }).waitFor();

    // Back, the filters are still there (they live in the URL).
    await page.goBack();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Action' }).inputValue())
      .toBe('user.role_changed');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(admin.errors).toEqual([]);
  });

  it('an EDITOR (users.read, not users.manage) sees accounts but no manage controls', async () => {
    reader = await open(browser);
    const { page } = reader;
    await signIn(page, READER);
    await page.goto(`${vellum.url}/admin/users`);
    await page
      .getByRole('table', { name: 'Users' })
      .getByRole('link', { name: promoted.displayName })
      .click();
    await page.getByRole('heading', { name: promoted.displayName, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Account' }).waitFor();
    // users.read is enough to see whether two-factor is on.
    expect(await twoFactorFact(page).innerText()).toBe('Off');
    expect(await page.getByRole('region', { name: 'Manage' }).count()).toBe(0);
    expect(
      await page.getByRole('button', { name: /Deactivate|Reset two-factor|Change role/ }).count(),
    ).toBe(0);
    await capture(page, 'users-detail-read-only');
    expect(reader.errors).toEqual([]);
    await reader.context.close();
  });
});

// What the users and audit end-to-end test sets up through the API: the
// first SUPERADMIN (from the environment), an ADMIN promoted from a demo
// editor, and a demo author with an authenticator to reset.
import { bearer, must } from './fixtures';
import { freshTotp } from './totp';

export const PASSWORD = 'demo-password-1234';
/** Created by `vellum serve` from VELLUM_ADMIN_EMAIL/VELLUM_ADMIN_PASSWORD. */
export const ROOT = { email: 'root@example.com', password: 'Root-e2e-password-42' };
/** A demo editor the root makes ADMIN: the person at the browser. */
export const ADMIN = 'editor-002@demo.vellum.test';
/** A demo editor: holds users.read but not users.manage. */
export const READER = 'editor-001@demo.vellum.test';
/** The author the ADMIN promotes to EDITOR. */
export const PROMOTED = 'author-001@demo.vellum.test';
/** The author the ADMIN deactivates and reactivates. */
export const DEACTIVATED = 'author-002@demo.vellum.test';
/** Someone the ADMIN invites. */
export const INVITED = {
  email: 'new.person@example.com',
  name: 'Noor Invited',
  password: 'Invited-e2e-password-42',
};
/** The author whose two-factor the ADMIN resets, then whose sessions they end. */
export const TWO_FACTOR = 'author-003@demo.vellum.test';

export interface ApiUser {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  twoFactorEnabled: boolean;
  role: { name: string };
}

/** A user by exact email, as the API has it now. */
export async function userByEmail(
  url: string,
  headers: Record<string, string>,
  email: string,
): Promise<ApiUser> {
  const data = await must(
    url,
    `query ($search: String) { users(filter: { search: $search }, first: 10) {
       nodes { id email displayName active twoFactorEnabled role { name } } } }`,
    { search: email },
    headers,
  );
  const user = (data.users.nodes as ApiUser[]).find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

export async function setRole(
  url: string,
  headers: Record<string, string>,
  id: string,
  role: string,
): Promise<void> {
  await must(
    url,
    `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }`,
    { input: { id, role } },
    headers,
  );
}

/** Sets up an authenticator for `email`; returns its secret. */
export async function enableTwoFactor(url: string, email: string): Promise<string> {
  const headers = await bearer(url, email, PASSWORD);
  const setup = await must(url, `mutation { setupTwoFactor { secret } }`, {}, headers);
  const secret: string = setup.setupTwoFactor.secret;
  await must(
    url,
    `mutation ($input: TwoFactorCodeInput!) { confirmTwoFactor(input: $input) { backupCodes } }`,
    { input: { code: await freshTotp(secret) } },
    headers,
  );
  return secret;
}

/** Whether a password alone signs `email` in (no second factor asked). */
export async function signsInWithPasswordAlone(url: string, email: string): Promise<boolean> {
  try {
    await bearer(url, email, PASSWORD);
    return true;
  } catch {
    return false;
  }
}

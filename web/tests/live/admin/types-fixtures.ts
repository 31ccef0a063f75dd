// What the content types end-to-end test sets up through the API: an
// ADMIN (a seeded editor promoted by the SUPERADMIN the CLI created), and
// readers of what the builder saved.
import { EDITOR, PASSWORD, bearer, must } from './fixtures';

export const SUPERADMIN = { email: 'root@example.com', password: 'Superadmin-e2e-password-42' };

/** The `vellum create-admin` step that makes the SUPERADMIN, before serving. */
export const CREATE_SUPERADMIN = {
  args: ['create-admin', '--email', SUPERADMIN.email, '--password-stdin'],
  stdin: `${SUPERADMIN.password}\n`,
};

/** Promotes the seeded editor to ADMIN; returns how to sign in as them. */
export async function promoteEditorToAdmin(url: string): Promise<{ email: string; password: string }> {
  const editor = await bearer(url, EDITOR, PASSWORD);
  const me = await must(url, `query { me { id } }`, {}, editor);
  const root = await bearer(url, SUPERADMIN.email, SUPERADMIN.password);
  const changed = await must(
    url,
    `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { role { name } } } }`,
    { input: { id: me.me.id, role: 'ADMIN' } },
    root,
  );
  if (changed.updateUser.user.role.name !== 'ADMIN') throw new Error('the editor was not promoted');
  return { email: EDITOR, password: PASSWORD };
}

export interface SavedField {
  apiId: string;
  name: string;
  kind: string;
  required: boolean;
  unique: boolean;
  min: number | null;
  max: number | null;
  options: string[];
}

/** A type's field definitions as the API has them now. */
export async function typeFields(
  url: string,
  apiId: string,
  headers: Record<string, string>,
): Promise<SavedField[]> {
  const data = await must(
    url,
    `query ($apiId: String!) { contentType(apiId: $apiId) { fields { apiId name kind required unique min max options } } }`,
    { apiId },
    headers,
  );
  return data.contentType.fields;
}

/** An item's custom field values (its working version) as the API has them now. */
export async function itemFields(
  url: string,
  id: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const data = await must(url, `query ($id: UUID!) { content(id: $id) { fields } }`, { id }, headers);
  return data.content.fields;
}

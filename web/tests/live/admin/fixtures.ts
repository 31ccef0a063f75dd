// What the admin end-to-end test sets up through the API before any browser
// opens: a content type with a field of every kind, an item holding the ISBN
// the author will collide with, and the author's authenticator.
import { graphql } from '../server';
import { freshTotp } from './totp';

export const PASSWORD = 'demo-password-1234';
export const AUTHOR = 'author-001@demo.vellum.test';
export const EDITOR = 'editor-001@demo.vellum.test';
export const ADMIN = { email: 'ada@example.com', name: 'Ada Admin', password: 'Admin-e2e-password-42' };
export const TAKEN_ISBN = '978-0-00-000000-0';

/** Signs in over the API; returns a bearer header. */
export async function bearer(
  url: string,
  email: string,
  password: string,
  secret?: string,
): Promise<Record<string, string>> {
  const { body } = await graphql(
    url,
    `mutation ($input: SignInInput!) { signIn(input: $input) { accessToken challenge twoFactorRequired } }`,
    { input: { email, password } },
  );
  let token: string | undefined = body.data?.signIn?.accessToken;
  if (body.data?.signIn?.twoFactorRequired) {
    if (!secret) throw new Error(`${email} needs a second factor`);
    const verified = await graphql(
      url,
      `mutation ($input: VerifyTwoFactorInput!) { verifyTwoFactor(input: $input) { accessToken } }`,
      { input: { challenge: body.data.signIn.challenge, code: await freshTotp(secret) } },
    );
    token = verified.body.data?.verifyTwoFactor?.accessToken;
  }
  if (!token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${token}` };
}

/** Runs an operation and fails loudly on errors. */
export async function must(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<any> {
  const { body } = await graphql(url, query, variables, headers);
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The `book` type: one custom field of every kind the API has. */
export const BOOK_FIELDS = [
  { apiId: 'isbn', name: 'ISBN', kind: 'TEXT', required: true, unique: true, max: 20 },
  { apiId: 'pages', name: 'Pages', kind: 'INTEGER', required: true, min: 1, max: 5000 },
  { apiId: 'rating', name: 'Rating', kind: 'FLOAT', min: 0, max: 5 },
  { apiId: 'inPrint', name: 'In print', kind: 'BOOLEAN' },
  { apiId: 'released', name: 'Released', kind: 'DATE' },
  { apiId: 'launch', name: 'Launch party', kind: 'DATETIME' },
  { apiId: 'genre', name: 'Genre', kind: 'SELECT', options: ['Fiction', 'Essay', 'Poetry'] },
  { apiId: 'topics', name: 'Topics', kind: 'MULTI_SELECT', options: ['Sea', 'War', 'Love'] },
  { apiId: 'notes', name: 'Notes', kind: 'MARKDOWN' },
  { apiId: 'blurb', name: 'Blurb', kind: 'RICH_TEXT' },
  { apiId: 'sequel', name: 'Sequel', kind: 'REFERENCE', referenceType: 'book' },
  { apiId: 'extra', name: 'Extra', kind: 'JSON' },
];

export async function prepare(url: string): Promise<{ authorSecret: string }> {
  const admin = await bearer(url, ADMIN.email, ADMIN.password);
  await must(
    url,
    `mutation ($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }`,
    { input: { apiId: 'book', name: 'Book', description: 'Books we review', fields: BOOK_FIELDS } },
    admin,
  );
  await must(
    url,
    `mutation ($input: CreateContentInput!) { createContent(input: $input) { content { id } } }`,
    {
      input: {
        type: 'book',
        title: 'The Existing Book',
        fields: { isbn: TAKEN_ISBN, pages: 100 },
      },
    },
    admin,
  );

  const author = await bearer(url, AUTHOR, PASSWORD);
  const setup = await must(url, `mutation { setupTwoFactor { secret } }`, {}, author);
  const authorSecret: string = setup.setupTwoFactor.secret;
  await must(
    url,
    `mutation ($input: TwoFactorCodeInput!) { confirmTwoFactor(input: $input) { backupCodes } }`,
    { input: { code: await freshTotp(authorSecret) } },
    author,
  );
  return { authorSecret };
}

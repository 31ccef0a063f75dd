// What the account and API key tests share: the administrator they sign in
// as (made by `vellum create-admin`, so the address starts unverified), and
// calls to the API with an API key, as a script using one would make them.
import { graphql } from '../server';

export const ACCOUNT_ADMIN = {
  email: 'account-admin@vellum.test',
  password: 'Quartz-lantern-7-harbour',
  /** What the password test changes it to. */
  newPassword: 'Velvet-orchard-29-compass',
};

/** Runs `query` with an API key the way the API expects it: a bearer token. */
export async function withApiKey(
  url: string,
  secret: string,
  query: string,
): Promise<{ status: number; body: any }> {
  const { status, body } = await graphql(url, query, {}, { authorization: `Bearer ${secret}` });
  return { status, body };
}

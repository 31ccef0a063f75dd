// The admin's one GraphQL client: Apollo Client's normalised cache over
// HTTP (cookie session with the CSRF header) and graphql-ws for
// subscriptions, both on the page's own origin. A request that finds its
// access token expired refreshes the session once, silently, and is sent
// again; a session that cannot be refreshed ends with the server's reason.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { getMainDefinition } from '@apollo/client/utilities';
import { print } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { Observable, from, switchMap } from 'rxjs';

import { endpoints, withCsrf } from '../../shared/csrf';
import { graphql } from '../gql';
import { documentHash, documentsLink, isUnknownHash } from './documents-link';

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession {
    refreshSession(input: {}) {
      expiresAt
    }
  }
`);

/** What the client tells the session about. */
export interface SessionEvents {
  /** The session is over (revoked, expired): `reason` says why. */
  ended(reason: string): void;
  /** New tokens until `expiresAt`. */
  refreshed(expiresAt: string): void;
}

/** Context flag: this operation must not trigger a refresh (it is one). */
const NO_REFRESH = 'vellumNoRefresh';

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  }
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * The server does not say whether a session expired or was ended (sign-out
 * elsewhere, a password change, an admin): the user learns both are possible.
 */
export const SESSION_ENDED =
  'Your session has ended: it expired, or it was signed out elsewhere (for example by a password change). Sign in again to go on.';

/** The `query` of a subscription sent by hash (never a real document). */
export const BY_HASH = '';

/**
 * graphql-ws's JSON replacer: drops the by-hash placeholder, so the server
 * sees no `query` and looks the document up by its hash.
 */
export function wsReplacer(this: unknown, key: string, value: unknown): unknown {
  // Only a payload's own `query` beside its hash: a variable named `query`
  // may well be empty.
  const holder = this as { extensions?: { persistedQuery?: unknown } } | null;
  const byHash = key === 'query' && value === BY_HASH && holder?.extensions?.persistedQuery;
  return byHash ? undefined : value;
}

/** A WebSocket close (real, or graphql-ws's synthetic `TerminatedCloseEvent`). */
export function isCloseEvent(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/** The link that runs subscriptions over graphql-ws, by hash when it can. */
function wsLink(client: Client): ApolloLink {
  let textOnly = false;
  return new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        let dispose = () => {};
        const start = (byHash: boolean) => {
          const hash = documentHash(operation.query);
          const payload: Record<string, unknown> = {
            operationName: operation.operationName,
            variables: operation.variables,
          };
          if (byHash && hash !== undefined) {
            payload.extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
            // graphql-ws refuses to send a payload without a `query` string;
            // this placeholder passes its check and is dropped on the wire
            // (`jsonMessageReplacer` below), so the server looks up the hash.
            payload.query = BY_HASH;
          } else {
            payload.query = print(operation.query);
          }
          dispose = client.subscribe(payload as unknown as SubscribePayload, {
            next: (value) => observer.next(value as ApolloLink.Result),
            complete: () => observer.complete(),
            error: (error: unknown) => {
              if (byHash && Array.isArray(error) && isUnknownHash(error)) {
                textOnly = true;
                start(false);
                return;
              }
              if (Array.isArray(error)) {
                observer.error(new CombinedGraphQLErrors({ errors: error }));
              } else {
                observer.error(error instanceof Error ? error : new Error('the live connection failed'));
              }
            },
          });
        };
        start(!textOnly);
        return () => dispose();
      }),
  );
}

export interface AdminClient {
  apollo: ApolloClient;
  /** Refreshes the session now; false when it cannot be. */
  refresh(): Promise<boolean>;
  /** Closes the live connection (it reopens, authenticated anew, on demand). */
  reconnect(): void;
}

export function createAdminClient(events: SessionEvents): AdminClient {
  const urls = endpoints(window.location);
  const fetchWithCsrf = withCsrf(fetch.bind(window), () => document.cookie);

  let pending: Promise<boolean> | undefined;
  let apollo: ApolloClient;
  const refresh = (): Promise<boolean> => {
    pending ??= apollo
      .mutate({ mutation: RefreshSessionMutation, context: { [NO_REFRESH]: true } })
      .then((result) => {
        const expiresAt = result.data?.refreshSession.expiresAt;
        if (expiresAt) events.refreshed(expiresAt);
        // The live connection stays: it belongs to the session, which the
        // server rechecks on every push, not to the access token it began
        // with (a reconnect would drop events sent in the gap).
        return Boolean(expiresAt);
      })
      .catch(() => false)
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const ws = createClient({
    url: urls.ws,
    lazy: true,
    // Keep the live views live across restarts and network changes.
    retryAttempts: Number.MAX_SAFE_INTEGER,
    // Retry closed connections (a terminate after a refresh included: its
    // synthetic close event is an Error with a code), never the client's own
    // thrown errors: graphql-ws retries those at once, in a loop that never
    // yields (a payload it refused to send froze the page that way).
    shouldRetry: isCloseEvent,
    jsonMessageReplacer: wsReplacer,
    keepAlive: 20_000,
  });

  const http = new HttpLink({
    uri: urls.http,
    credentials: 'same-origin',
    fetch: fetchWithCsrf,
  });

  const errors = new ErrorLink(({ error, operation, forward }) => {
    if (!isUnauthenticated(error)) return;
    if (operation.getContext()[NO_REFRESH]) {
      return;
    }
    return from(refresh()).pipe(
      switchMap((ok) => {
        if (!ok) {
          events.ended(SESSION_ENDED);
          throw error;
        }
        return forward(operation);
      }),
    );
  });

  const split = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    wsLink(ws),
    ApolloLink.from([documentsLink, http]),
  );

  apollo = new ApolloClient({
    link: ApolloLink.from([errors, split]),
    cache: new InMemoryCache({
      typePolicies: {
        Content: {
          fields: {
            // The actions the caller may run now: each answer replaces the
            // last whole (they have no ids to merge by).
            availableActions: { merge: false },
          },
        },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });

  return { apollo, refresh, reconnect: () => ws.terminate() };
}

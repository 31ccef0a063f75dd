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

function reasonOf(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.message ?? 'Your session ended.';
  return error instanceof Error ? error.message : 'Your session ended.';
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
        ws.terminate();
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
    shouldRetry: () => true,
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
          events.ended(reasonOf(error));
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
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });

  return { apollo, refresh, reconnect: () => ws.terminate() };
}

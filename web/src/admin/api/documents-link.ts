// Sends each operation by the hash codegen embedded in its document, not as
// text: the binary registers the admin's manifest at start-up, so the same
// requests work when the server runs only trusted documents. A server that
// does not know the hash (persisted queries off) gets the text once.
import { ApolloLink } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { DocumentNode } from 'graphql';
import { Observable } from 'rxjs';

/** Codes with which a server says it cannot run a document by hash. */
const UNKNOWN_HASH = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** The hex SHA-256 codegen put on a document (`sha256:<hex>`), if any. */
export function documentHash(document: DocumentNode): string | undefined {
  const meta = (document as { __meta__?: { hash?: unknown } }).__meta__;
  return typeof meta?.hash === 'string' ? meta.hash.replace(/^sha256:/, '') : undefined;
}

/** Whether a result says the hash was not known. */
export function isUnknownHash(errors: readonly { extensions?: Record<string, unknown> }[]) {
  return errors.some((e) => UNKNOWN_HASH.has(String(e.extensions?.code ?? '')));
}

/** Servers that answered "unknown hash" once get text from then on. */
let textOnly = false;

export const documentsLink = new ApolloLink((operation, forward) => {
  const hash = documentHash(operation.query);
  if (hash === undefined || textOnly) return forward(operation);
  operation.extensions = { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: hash } };
  operation.setContext({ http: { includeQuery: false, includeExtensions: true } });
  return new Observable<ApolloLink.Result>((observer) => {
    let retried = false;
    const retry = () => {
      retried = true;
      textOnly = true;
      const { persistedQuery: _unused, ...rest } = operation.extensions;
      operation.extensions = rest;
      operation.setContext({ http: { includeQuery: true, includeExtensions: true } });
      inner = forward(operation).subscribe(observer);
    };
    let inner = forward(operation).subscribe({
      next(result) {
        if (!retried && result.errors && isUnknownHash(result.errors)) return retry();
        observer.next(result);
      },
      error(error: unknown) {
        if (!retried && CombinedGraphQLErrors.is(error) && isUnknownHash(error.errors)) return retry();
        observer.error(error);
      },
      complete() {
        if (!retried) observer.complete();
      },
    });
    return () => inner.unsubscribe();
  });
});

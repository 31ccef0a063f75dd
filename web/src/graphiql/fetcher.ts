// The GraphiQL fetcher: queries and mutations over HTTP (with the CSRF header
// for cookie sessions), subscriptions over a graphql-transport-ws connection
// that carries the header editor's `Authorization`.

import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

import { connectionParams, endpoints, withCsrf, type PageLocation } from './session';

/** What the fetcher needs from the browser (a test passes its own). */
export interface Browser {
  location: PageLocation;
  cookies: () => string;
  fetch: typeof fetch;
  WebSocket?: typeof WebSocket;
}

export function createVellumFetcher(browser: Browser): Fetcher {
  const urls = endpoints(browser.location);
  const fetchWithCsrf = withCsrf(browser.fetch, browser.cookies);
  // A WebSocket authenticates once, in `connection_init`: a changed
  // Authorization header needs a new connection (opened lazily, on the
  // first subscription).
  let current: { key: string; fetcher: Fetcher; dispose: () => void } | undefined;
  const fetcherFor = (params: Record<string, string>): Fetcher => {
    const key = JSON.stringify(params);
    if (current?.key !== key) {
      current?.dispose();
      const wsClient = createClient({
        url: urls.ws,
        connectionParams: params,
        webSocketImpl: browser.WebSocket,
        lazy: true,
      });
      current = {
        key,
        fetcher: createGraphiQLFetcher({
          url: urls.http,
          fetch: fetchWithCsrf,
          wsClient,
          enableIncrementalDelivery: false,
        }),
        dispose: () => void wsClient.dispose(),
      };
    }
    return current.fetcher;
  };
  return (graphQLParams, opts) => fetcherFor(connectionParams(opts?.headers))(graphQLParams, opts);
}

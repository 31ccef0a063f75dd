// How a page of this origin talks to Vellum over HTTP: the endpoint URLs of
// the page's own origin, and the CSRF cookie a cookie session carries, which
// must come back in a header on every cookie-authenticated request.

/** The CSRF cookie Vellum sets beside its HttpOnly session cookies. */
export const CSRF_COOKIE = 'vellum_csrf';
/** The header that must repeat that cookie on every cookie-authenticated request. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** The page's own origin, as `window.location` gives it. */
export interface PageLocation {
  protocol: string;
  host: string;
}

/** `/graphql` over HTTP and WebSocket on the page's own host. */
export function endpoints(location: PageLocation): { http: string; ws: string } {
  const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    http: `${location.protocol}//${location.host}/graphql`,
    ws: `${wsProtocol}//${location.host}/graphql`,
  };
}

/** The value of cookie `name` in a `document.cookie` string. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value === '' ? undefined : decodeURIComponent(value);
    }
  }
  return undefined;
}

/**
 * Wraps `fetch` so that a request gets the CSRF header whenever the browser
 * holds the CSRF cookie (that is, a cookie session is on). A header typed in
 * the header editor wins.
 */
export function withCsrf(
  fetchImpl: typeof fetch,
  cookies: () => string,
): typeof fetch {
  return (input, init) => {
    const token = readCookie(cookies(), CSRF_COOKIE);
    if (token === undefined) return fetchImpl(input, init);
    const headers = new Headers(init?.headers);
    if (!headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, token);
    return fetchImpl(input, { ...init, headers });
  };
}

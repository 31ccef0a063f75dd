// What the page knows about how the browser talks to Vellum: the endpoint
// URLs of the page's own origin, the CSRF cookie a cookie session carries,
// and what a WebSocket connection needs from the header editor.

export {
  CSRF_COOKIE,
  CSRF_HEADER,
  endpoints,
  readCookie,
  withCsrf,
  type PageLocation,
} from '../shared/csrf';

/**
 * The `connection_init` payload for a WebSocket: the `Authorization` header
 * of the header editor, whatever its case (bearer tokens and API keys both
 * travel in it). Cookie sessions need nothing: the browser sends the cookie
 * with the upgrade request.
 */
export function connectionParams(
  headers: Record<string, unknown> | undefined,
): Record<string, string> {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string' && value !== '') {
      return { authorization: value };
    }
  }
  return {};
}

// Sending files to the library: one GraphQL multipart request
// (graphql-multipart-request-spec) per file, over XMLHttpRequest because
// fetch reports no upload progress. One request per file, not
// `uploadMediaMany`, so that each file succeeds or fails on its own with the
// server's own message. The direct-upload flow (`createUploadUrl`) is not
// used: with S3 storage its URL is another origin, which the admin's
// `connect-src 'self'` policy refuses.
import { print } from 'graphql';

import { CSRF_COOKIE, CSRF_HEADER, endpoints, readCookie } from '../../../shared/csrf';
import { documentHash, isUnknownHash } from '../../api/documents-link';
import { UploadMediaMutation } from '../../api/media';
import type { MediaSummaryFragment } from '../../gql/graphql';

/** Why a file was not uploaded: the server's message, or the network's. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

interface GraphQLAnswer {
  data?: { uploadMedia?: MediaSummaryFragment | null } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** What one XMLHttpRequest answered: its status and its JSON body, if any. */
interface Answer {
  status: number;
  body: GraphQLAnswer | undefined;
}

/** Servers that answered "unknown hash" once get the document's text from then on. */
let textOnly = false;

function send(
  file: File,
  byHash: boolean,
  onProgress: (fraction: number) => void,
  signal: AbortSignal | undefined,
): Promise<Answer> {
  const hash = documentHash(UploadMediaMutation);
  const operation: Record<string, unknown> = {
    operationName: 'UploadMedia',
    variables: { file: null, input: null },
  };
  if (byHash && hash !== undefined) {
    operation.extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  } else {
    operation.query = print(UploadMediaMutation);
  }
  const form = new FormData();
  form.append('operations', JSON.stringify(operation));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', endpoints(window.location).http);
    xhr.setRequestHeader('Accept', 'application/graphql-response+json, application/json;q=0.9');
    // The session cookie needs its CSRF twin in a header; a multipart
    // request without such a header is refused outright (415).
    const token = readCookie(document.cookie, CSRF_COOKIE);
    if (token !== undefined) xhr.setRequestHeader(CSRF_HEADER, token);
    else xhr.setRequestHeader('GraphQL-Preflight', '1');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: GraphQLAnswer | undefined;
      try {
        body = JSON.parse(xhr.responseText) as GraphQLAnswer;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new UploadError('The server could not be reached.', 'NETWORK'));
    xhr.onabort = () => reject(new UploadError('The upload was cancelled.', 'ABORTED'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** The failure an answer carries, worded by the server when it says why. */
function failure({ status, body }: Answer): UploadError {
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code;
    return new UploadError(first.message, typeof code === 'string' ? code : undefined);
  }
  if (status === 413) return new UploadError('The file is too large for this server.', 'BAD_USER_INPUT');
  return new UploadError(`The server answered ${status} without saying why.`, undefined);
}

export interface UploadOptions {
  onProgress(fraction: number): void;
  signal?: AbortSignal;
  /** Refreshes an expired session; false when it cannot be. */
  refresh(): Promise<boolean>;
}

/**
 * Uploads one file and returns it as the library now lists it. An expired
 * access token is refreshed once and the file sent again, as the admin's
 * client does for every other request.
 */
export async function uploadFile(file: File, options: UploadOptions): Promise<MediaSummaryFragment> {
  let refreshed = false;
  for (;;) {
    const byHash = !textOnly;
    const answer = await send(file, byHash, options.onProgress, options.signal);
    const media = answer.body?.data?.uploadMedia;
    if (media) return media;
    const errors = answer.body?.errors ?? [];
    if (byHash && isUnknownHash(errors)) {
      textOnly = true;
      continue;
    }
    const error = failure(answer);
    if (!refreshed && (answer.status === 401 || error.code === 'UNAUTHENTICATED')) {
      refreshed = true;
      if (await options.refresh()) continue;
    }
    throw error;
  }
}

/** Whether a file's type is one of `accepted` (`image/png`, `image/*`); any when empty. */
export function acceptsType(accepted: readonly string[], type: string): boolean {
  if (accepted.length === 0) return true;
  const mime = type.toLowerCase();
  return accepted.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.endsWith('/*') ? mime.startsWith(p.slice(0, -1)) : mime === p;
  });
}

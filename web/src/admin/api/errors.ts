// What the API's errors mean to a screen: the code (`extensions.code`), the
// field an error names (`extensions.field`, e.g. `input.fields.price`), and a
// sentence to show.
import { CombinedGraphQLErrors } from '@apollo/client/errors';

export interface ApiError {
  message: string;
  code: string | undefined;
  /** The input path without its `input.` prefix: `title`, `fields.price`. */
  field: string | undefined;
  extensions: Record<string, unknown>;
}

/** Every error in a failed operation, network failures included. */
export function apiErrors(error: unknown): ApiError[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => {
      const extensions = (e.extensions ?? {}) as Record<string, unknown>;
      const field = typeof extensions.field === 'string' ? extensions.field : undefined;
      return {
        message: e.message,
        code: typeof extensions.code === 'string' ? extensions.code : undefined,
        field: field?.replace(/^input\./, ''),
        extensions,
      };
    });
  }
  if (error === undefined || error === null) return [];
  const message =
    error instanceof Error && error.message ? error.message : 'The server could not be reached.';
  return [{ message, code: 'NETWORK', field: undefined, extensions: {} }];
}

/** The first error's code. */
export function errorCode(error: unknown): string | undefined {
  return apiErrors(error)[0]?.code;
}

/** Messages by field, for errors that name one. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of apiErrors(error)) if (e.field && !(e.field in out)) out[e.field] = e.message;
  return out;
}

/** Messages of errors that name no field (shown above the form). */
export function formErrors(error: unknown): string[] {
  return apiErrors(error)
    .filter((e) => !e.field)
    .map((e) => e.message);
}

/** One sentence for an error banner. */
export function errorMessage(error: unknown): string {
  const errors = apiErrors(error);
  if (errors.length === 0) return 'Something went wrong.';
  return errors.map((e) => e.message).join(' ');
}

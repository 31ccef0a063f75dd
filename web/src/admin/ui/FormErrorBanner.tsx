// A form's failure as a banner, unless the API named a field: then the
// message is shown under that field instead, and a banner would repeat it.
import { errorMessage, fieldErrors } from '../api/errors';
import { Notice } from './States';

export function FormErrorBanner({
  error,
  fields,
}: {
  error: unknown;
  /** The fields this form shows errors under; any named field when omitted. */
  fields?: readonly string[];
}) {
  if (!error) return null;
  const named = fieldErrors(error);
  const shownUnderAField = fields
    ? fields.some((field) => named[field])
    : Object.keys(named).length > 0;
  return shownUnderAField ? null : <Notice tone="danger">{errorMessage(error)}</Notice>;
}

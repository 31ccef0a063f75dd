// Bulk actions: what a selection may do (the actions every selected item
// offers, as the API reports them), and running one item at a time with a
// per-item outcome.
import { errorMessage } from '../../../api/errors';
import type { Row } from './live';
import { humanize } from './text';

export interface Action {
  action: string;
  toStatus: string;
  commentRequired: boolean;
}

/** Actions offered by every selected row; a comment is needed if any row needs one. */
export function commonActions(rows: readonly Row[]): Action[] {
  const [first, ...rest] = rows;
  if (!first) return [];
  return first.availableActions
    .filter((a) => rest.every((r) => r.availableActions.some((b) => b.action === a.action)))
    .map((a) => ({
      action: a.action,
      toStatus: a.toStatus,
      commentRequired: rows.some((r) =>
        r.availableActions.some((b) => b.action === a.action && b.commentRequired),
      ),
    }));
}

export interface Outcome {
  row: Row;
  error?: string;
}

/** Runs `act` on each row in turn (one at a time: the server's pace, clear errors). */
export async function runEach(
  rows: readonly Row[],
  act: (row: Row) => Promise<unknown>,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    try {
      await act(row);
      outcomes.push({ row });
    } catch (error) {
      outcomes.push({ row, error: errorMessage(error) });
    }
  }
  return outcomes;
}

/** "Publish: 3 done, 1 failed — “Title”: reason." */
export function summarize(label: string, outcomes: readonly Outcome[]): string {
  const failed = outcomes.filter((o) => o.error !== undefined);
  const done = outcomes.length - failed.length;
  const head = `${label}: ${done} done${failed.length ? `, ${failed.length} failed` : ''}`;
  if (!failed.length) return `${head}.`;
  const reasons = failed
    .slice(0, 5)
    .map((o) => `“${o.row.title || 'Untitled'}”: ${o.error ?? ''}`)
    .join('; ');
  return `${head} — ${reasons}${failed.length > 5 ? `; and ${failed.length - 5} more` : ''}.`;
}

export const actionLabel = (action: string) => humanize(action);

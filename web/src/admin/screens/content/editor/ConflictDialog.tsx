// Someone saved the item after the version this edit started from. Shows
// what they changed (word by word for text) and lets the user keep their
// own values (saved over the new version) or take the server's.
import { useQuery } from '@apollo/client/react';

import { EditorContentDiffQuery } from '../../../api/editor';
import { errorMessage } from '../../../api/errors';
import type { EditorTypeFragment } from '../../../gql/graphql';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ErrorState, Skeleton } from '../../../ui/States';
import { pathLabel } from './formState';

export interface ConflictDialogProps {
  contentId: string;
  /** The version this edit started from. */
  base: number;
  /** The version on the server now. */
  current: number;
  type: EditorTypeFragment;
  busy: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onCancel(): void;
}

export function ConflictDialog({
  contentId,
  base,
  current,
  type,
  busy,
  onKeepMine,
  onTakeTheirs,
  onCancel,
}: ConflictDialogProps) {
  const diff = useQuery(EditorContentDiffQuery, {
    variables: { contentId, from: base, to: current },
    fetchPolicy: 'network-only',
  });
  const changes = diff.data?.contentDiff.changes ?? [];
  return (
    <Dialog
      title="Someone else changed this item"
      isOpen
      onOpenChange={(open) => (open ? undefined : onCancel())}
      role="alertdialog"
      wide
    >
      <p>
        Version {current} was saved after version {base}, the one you started from. Their changes:
      </p>
      <div className="conflict-changes" tabIndex={0} aria-label="Their changes">
        {diff.loading ? <Skeleton lines={3} label="Loading changes" /> : null}
        {diff.error ? (
          <ErrorState message={errorMessage(diff.error)} onRetry={() => void diff.refetch()} />
        ) : null}
        {!diff.loading && !diff.error && changes.length === 0 ? (
          <p className="field-description">No field changed (a workflow step or schedule only).</p>
        ) : null}
        {changes.length > 0 ? (
          <dl className="diff-list">
            {changes.map((change) => (
              <div key={change.path} className="diff-item">
                <dt className="diff-path">{pathLabel(change.path, type)}</dt>
                <dd className="diff-value">
                  {change.words && change.words.length > 0 ? (
                    <p className="diff-words">
                      {change.words.map((w, i) =>
                        w.op === 'INSERT' ? (
                          <ins key={i}>{w.value}</ins>
                        ) : w.op === 'DELETE' ? (
                          <del key={i}>{w.value}</del>
                        ) : (
                          <span key={i}>{w.value}</span>
                        ),
                      )}
                    </p>
                  ) : (
                    <p className="diff-words">
                      <del>{show(change.before)}</del> <ins>{show(change.after)}</ins>
                    </p>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
      <p className="field-description">
        <strong>Keep mine</strong> saves your edits over theirs (what you did not change keeps
        their version). <strong>Take theirs</strong> loads their version and discards your unsaved
        edits.
      </p>
      <div className="dialog-actions">
        <Button onPress={onCancel} isDisabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onPress={onTakeTheirs} isDisabled={busy}>
          Take theirs
        </Button>
        <Button variant="primary" onPress={onKeepMine} isPending={busy}>
          Keep mine
        </Button>
      </div>
    </Dialog>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

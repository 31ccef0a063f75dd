// The toolbar that appears with a selection: the workflow actions every
// selected item offers (from `availableActions`, never a fixed list), with a
// comment dialog where one is required, and moving to the trash.
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { Form, Toolbar } from 'react-aria-components';

import { ContentListTransitionMutation, ContentListTrashMutation } from '../../../api/content-list';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/Field';
import { actionLabel, commonActions, runEach, summarize, type Action, type Outcome } from './bulk';
import type { Row } from './live';

export interface BulkToolbarProps {
  rows: readonly Row[];
  /** Whether the trash action is offered for these rows. */
  mayTrash: boolean;
  onDone(summary: string, outcomes: Outcome[], trashed: boolean): void;
  onClear(): void;
}

type Pending = { kind: 'action'; action: Action } | { kind: 'trash' };

export function BulkToolbar({ rows, mayTrash, onDone, onClear }: BulkToolbarProps) {
  const apollo = useApolloClient();
  const [pending, setPending] = useState<Pending>();
  const [comment, setComment] = useState('');
  const [running, setRunning] = useState(false);
  const actions = commonActions(rows);

  const transition = async (action: Action, text: string) => {
    setRunning(true);
    const outcomes = await runEach(rows, (row) =>
      apollo.mutate({
        mutation: ContentListTransitionMutation,
        variables: { input: { id: row.id, action: action.action, comment: text.trim() || null } },
      }),
    );
    setRunning(false);
    onDone(summarize(actionLabel(action.action), outcomes), outcomes, false);
  };

  const trash = async () => {
    setRunning(true);
    const outcomes = await runEach(rows, (row) =>
      apollo.mutate({ mutation: ContentListTrashMutation, variables: { input: { id: row.id } } }),
    );
    setRunning(false);
    onDone(summarize('Move to trash', outcomes), outcomes, true);
  };

  const close = () => {
    setPending(undefined);
    setComment('');
  };

  return (
    <>
      <Toolbar className="list-bulk" aria-label="Bulk actions">
        <span className="list-bulk-count" role="status">
          {rows.length} selected
        </span>
        {actions.map((a) => (
          <Button
            key={a.action}
            size="sm"
            variant={a.commentRequired ? 'secondary' : 'primary'}
            isPending={running}
            onPress={() =>
              a.commentRequired ? setPending({ kind: 'action', action: a }) : void transition(a, '')
            }
          >
            {actionLabel(a.action)}
            {a.commentRequired ? '…' : ''}
          </Button>
        ))}
        {actions.length === 0 ? (
          <span className="list-muted">No workflow action applies to all selected items.</span>
        ) : null}
        {mayTrash ? (
          <Button
            size="sm"
            variant="danger"
            isPending={running}
            onPress={() => setPending({ kind: 'trash' })}
          >
            Move to trash…
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onPress={onClear}>
          Clear selection
        </Button>
      </Toolbar>

      <Dialog
        title={
          pending?.kind === 'action'
            ? `${actionLabel(pending.action.action)} ${rows.length} items`
            : `Move ${rows.length} items to the trash?`
        }
        isOpen={pending !== undefined}
        onOpenChange={(open) => (open ? undefined : close())}
        role={pending?.kind === 'trash' ? 'alertdialog' : 'dialog'}
      >
        {pending?.kind === 'action' ? (
          <Form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              const action = pending.action;
              close();
              void transition(action, comment);
            }}
          >
            <TextField
              label="Comment"
              description="Kept with each item's version and sent to its author."
              multiline
              isRequired
              autoFocus
              value={comment}
              onChange={setComment}
            />
            <div className="dialog-actions">
              <Button onPress={close}>Cancel</Button>
              <Button type="submit" variant="primary" isDisabled={!comment.trim()}>
                {actionLabel(pending.action.action)}
              </Button>
            </div>
          </Form>
        ) : (
          <>
            <p>The items leave the list; they can be restored from the trash.</p>
            <div className="dialog-actions">
              <Button onPress={close} autoFocus>
                Cancel
              </Button>
              <Button
                variant="danger"
                onPress={() => {
                  close();
                  void trash();
                }}
              >
                Move to trash
              </Button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}

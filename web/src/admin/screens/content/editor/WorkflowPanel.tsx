// The workflow steps the caller may take now (from `availableActions`, never
// a hard-coded role table), each run through `transitionContent`, with a
// comment box (required where the workflow says so).
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Form } from 'react-aria-components';

import { EditorTransitionMutation } from '../../../api/editor';
import { errorMessage } from '../../../api/errors';
import type { EditorContentFragment } from '../../../gql/graphql';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/Field';
import { Notice } from '../../../ui/States';
import { humanize } from './labels';

type Action = EditorContentFragment['availableActions'][number];

export function WorkflowPanel({
  item,
  dirty,
  onDone,
}: {
  item: EditorContentFragment;
  /** Unsaved edits: steps would act on the saved version, so they wait. */
  dirty: boolean;
  onDone(content: EditorContentFragment): void;
}) {
  const [chosen, setChosen] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const [transition, { loading, error, reset }] = useMutation(EditorTransitionMutation);

  const open = (action: Action) => {
    reset();
    setComment('');
    setChosen(action);
  };
  const run = async () => {
    if (!chosen) return;
    if (chosen.commentRequired && comment.trim() === '') return;
    const result = await transition({
      variables: {
        input: { id: item.id, action: chosen.action, comment: comment.trim() || null },
      },
    }).catch(() => null);
    const content = result?.data?.transitionContent.content;
    if (content) {
      setChosen(null);
      onDone(content);
    }
  };

  const actions = item.availableActions;
  return (
    <section className="card editor-panel" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading" className="editor-panel-title">
        Workflow
      </h2>
      <p className="editor-status">
        <span className="badge" data-status={item.status}>
          {humanize(item.status)}
        </span>
        {item.isLive && item.status !== 'PUBLISHED' ? (
          <span className="badge" data-status="PUBLISHED">
            Live
          </span>
        ) : null}
      </p>
      {actions.length === 0 ? (
        <p className="field-description">No workflow step is open to you now.</p>
      ) : (
        <div className="workflow-actions">
          {actions.map((a) => (
            <Button
              key={a.action}
              variant={a.goesLive ? 'primary' : a.takesDown ? 'danger' : 'secondary'}
              size="sm"
              isDisabled={dirty}
              onPress={() => open(a)}
            >
              {humanize(a.action)}
            </Button>
          ))}
        </div>
      )}
      {dirty && actions.length > 0 ? (
        <p className="field-description">Save your changes first.</p>
      ) : null}

      <Dialog
        title={chosen ? humanize(chosen.action) : ''}
        isOpen={chosen !== null}
        onOpenChange={(o) => (o ? undefined : setChosen(null))}
      >
        <Form
          className="form"
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          {chosen ? (
            <p>
              “{item.title || 'Untitled'}” will move to <strong>{humanize(chosen.toStatus)}</strong>
              {chosen.goesLive ? ' and go live' : chosen.takesDown ? ' and be taken down' : ''}.
            </p>
          ) : null}
          <TextField
            label={chosen?.commentRequired ? 'Comment (required)' : 'Comment (optional)'}
            value={comment}
            onChange={setComment}
            multiline
            rows={3}
            autoFocus
            isRequired={chosen?.commentRequired ?? false}
          />
          {error ? <Notice tone="danger">{errorMessage(error)}</Notice> : null}
          <div className="dialog-actions">
            <Button onPress={() => setChosen(null)}>Cancel</Button>
            <Button
              type="submit"
              variant={chosen?.goesLive ? 'primary' : 'secondary'}
              isPending={loading}
              isDisabled={chosen?.commentRequired === true && comment.trim() === ''}
            >
              {chosen ? humanize(chosen.action) : 'Run'}
            </Button>
          </div>
        </Form>
      </Dialog>
    </section>
  );
}

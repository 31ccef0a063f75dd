// The heavy editors, loaded on first use so no other screen pays for them.
// Each sits under a label (a group named by it) with a loading placeholder.
import { lazy, Suspense, useId, type ReactNode } from 'react';

import { WiredFieldHelp } from '../../ui/FieldHelp';
import type { EditorProps } from './editor-props';

const RichTextEditor = lazy(() => import('./RichTextEditor'));
const MarkdownEditor = lazy(() => import('./MarkdownEditor'));

export interface LabelledEditorProps extends Omit<EditorProps, 'labelId' | 'describedBy'> {
  kind: 'RICH_TEXT' | 'MARKDOWN';
  label: ReactNode;
  description?: ReactNode;
  error?: string | undefined;
  isRequired?: boolean;
}

export function LabelledEditor({
  kind,
  label,
  description,
  error,
  isRequired,
  ...props
}: LabelledEditorProps) {
  const labelId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const describedBy =
    [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ') ||
    undefined;
  const Editor = kind === 'RICH_TEXT' ? RichTextEditor : MarkdownEditor;
  return (
    <div
      className="field field-editor"
      role="group"
      aria-labelledby={labelId}
      data-invalid={error ? true : undefined}
    >
      <span id={labelId} className="field-label">
        {label}
        {isRequired ? <span aria-hidden="true"> *</span> : null}
      </span>
      <Suspense
        fallback={
          <div className="editor-loading" role="status">
            Loading editor…
          </div>
        }
      >
        <Editor
          {...props}
          labelId={labelId}
          describedBy={describedBy}
          invalid={!!error}
        />
      </Suspense>
      <WiredFieldHelp
        descriptionId={descriptionId}
        errorId={errorId}
        description={description}
        error={error}
      />
    </div>
  );
}

// The Markdown editor (CodeMirror 6) with a preview tab. The preview is
// rendered with marked and sanitized with DOMPurify, as untrusted input
// should be; the API renders its own copy on save. Loaded lazily.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';

import type { EditorProps } from './editor-props';

export default function MarkdownEditor({ value, onChange, onBlur, labelId, describedBy, invalid }: EditorProps) {
  const [tab, setTab] = useState<Key>('write');
  return (
    <Tabs className="md-editor" selectedKey={tab} onSelectionChange={setTab}>
      <TabList className="md-tabs" aria-label="Markdown view">
        <Tab id="write" className="md-tab">
          Write
        </Tab>
        <Tab id="preview" className="md-tab">
          Preview
        </Tab>
      </TabList>
      {/* Kept mounted so the editor keeps its undo history and cursor. */}
      <TabPanel id="write" shouldForceMount className="md-panel">
        <CodeMirror
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          labelId={labelId}
          describedBy={describedBy}
          invalid={invalid}
        />
      </TabPanel>
      <TabPanel id="preview" className="md-panel">
        <MarkdownPreview source={value} />
      </TabPanel>
    </Tabs>
  );
}

function CodeMirror({ value, onChange, onBlur, labelId, describedBy, invalid }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onBlurRef = useRef(onBlur);
  onBlurRef.current = onBlur;

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          // No indentWithTab: Tab must keep moving focus out of the editor.
          keymap.of([...defaultKeymap, ...historyKeymap]),
          markdown(),
          EditorView.lineWrapping,
          placeholder('Write Markdown…'),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
            if (update.focusChanged && !update.view.hasFocus) onBlurRef.current?.();
          }),
          EditorView.contentAttributes.of({
            'aria-labelledby': labelId,
            'aria-multiline': 'true',
            ...(describedBy ? { 'aria-describedby': describedBy } : {}),
            ...(invalid ? { 'aria-invalid': 'true' } : {}),
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once per label; value changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labelId, describedBy, invalid]);

  // A value set from outside (take theirs, a format switch) replaces the text.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) {
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className={`md-codemirror${invalid ? ' md-invalid' : ''}`} />;
}

export function MarkdownPreview({ source }: { source: string }) {
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true })),
    [source],
  );
  if (source.trim() === '') return <p className="field-description">Nothing to preview yet.</p>;
  // Sanitized above: DOMPurify strips scripts, handlers and javascript: URLs.
  return <div className="md-preview prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

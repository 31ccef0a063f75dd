// The rich-text editor (TipTap/ProseMirror) with an accessible toolbar. It
// produces HTML; the API sanitizes it on save, so what is stored is what the
// API allows. Loaded lazily (see LazyEditors.tsx): it is heavy.
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import { Button as AriaButton, Form, ToggleButton, Toolbar, Separator } from 'react-aria-components';

import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import type { EditorProps } from './editor-props';

/** The editable area's accessible name, description and validity. */
function contentAttributes(labelId: string, describedBy: string | undefined, invalid?: boolean) {
  return {
    class: 'rte-content',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': labelId,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
  };
}

export default function RichTextEditor({ value, onChange, onBlur, labelId, describedBy, invalid }: EditorProps) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onBlurRef = useRef(onBlur);
  onBlurRef.current = onBlur;
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
    ],
    content: value,
    editorProps: {
      attributes: contentAttributes(labelId, describedBy, invalid),
    },
    onUpdate: ({ editor: e }) => onChangeRef.current(e.isEmpty ? '' : e.getHTML()),
    onBlur: () => onBlurRef.current?.(),
  });

  // A value set from outside (take theirs, a reload) replaces the document;
  // the editor's own updates come back equal and are left alone.
  useEffect(() => {
    // A destroyed editor (React's dev double-mount, an unmount) has no schema.
    if (!editor || editor.isDestroyed) return;
    const current = editor.isEmpty ? '' : editor.getHTML();
    if (value !== current) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({
      editorProps: {
        attributes: contentAttributes(labelId, describedBy, invalid),
      },
    });
  }, [editor, labelId, describedBy, invalid]);

  return (
    <div className={`rte${invalid ? ' rte-invalid' : ''}`}>
      {editor ? <RichTextToolbar editor={editor} labelId={labelId} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function RichTextToolbar({ editor, labelId }: { editor: Editor; labelId: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      code: e.isActive('code'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const chain = () => editor.chain().focus();
  const toggle = (
    label: string,
    pressed: boolean,
    run: () => void,
    text: string,
  ) => (
    <ToggleButton className="rte-button" aria-label={label} isSelected={pressed} onChange={run}>
      {/* Drawn by CSS so the short glyph (H2) is not read as a name that
          differs from the label (Heading 2). */}
      <span aria-hidden="true" className="rte-glyph" data-glyph={text} />
    </ToggleButton>
  );
  return (
    <>
      <Toolbar className="rte-toolbar" aria-label="Formatting" aria-describedby={labelId}>
        {toggle('Bold', state.bold, () => chain().toggleBold().run(), 'B')}
        {toggle('Italic', state.italic, () => chain().toggleItalic().run(), 'I')}
        {toggle('Inline code', state.code, () => chain().toggleCode().run(), '</>')}
        <Separator orientation="vertical" className="rte-separator" />
        {toggle('Heading 2', state.h2, () => chain().toggleHeading({ level: 2 }).run(), 'H2')}
        {toggle('Heading 3', state.h3, () => chain().toggleHeading({ level: 3 }).run(), 'H3')}
        {toggle('Bulleted list', state.bullet, () => chain().toggleBulletList().run(), '•')}
        {toggle('Numbered list', state.ordered, () => chain().toggleOrderedList().run(), '1.')}
        {toggle(state.link ? 'Edit link' : 'Link', state.link, () => setLinkOpen(true), 'Link')}
        <Separator orientation="vertical" className="rte-separator" />
        <AriaButton
          className="rte-button"
          aria-label="Undo"
          isDisabled={!state.canUndo}
          onPress={() => chain().undo().run()}
        >
          <span aria-hidden="true" className="rte-glyph" data-glyph="↶" />
        </AriaButton>
        <AriaButton
          className="rte-button"
          aria-label="Redo"
          isDisabled={!state.canRedo}
          onPress={() => chain().redo().run()}
        >
          <span aria-hidden="true" className="rte-glyph" data-glyph="↷" />
        </AriaButton>
      </Toolbar>
      <LinkDialog editor={editor} isOpen={linkOpen} onOpenChange={setLinkOpen} />
    </>
  );
}

function LinkDialog({
  editor,
  isOpen,
  onOpenChange,
}: {
  editor: Editor;
  isOpen: boolean;
  onOpenChange(open: boolean): void;
}) {
  const [href, setHref] = useState('');
  useEffect(() => {
    if (isOpen) setHref(String(editor.getAttributes('link').href ?? ''));
  }, [isOpen, editor]);
  const apply = () => {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (url === '') chain.unsetLink().run();
    else chain.setLink({ href: url }).run();
    onOpenChange(false);
  };
  return (
    <Dialog title="Link" isOpen={isOpen} onOpenChange={onOpenChange}>
      <Form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <TextField
          label="Address"
          description="Leave empty to remove the link."
          type="url"
          value={href}
          onChange={setHref}
          autoFocus
        />
        <div className="dialog-actions">
          <Button onPress={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary">
            Apply
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

// What the rich-text and Markdown editors take (kept apart from them so
// their lazy wrappers do not import the editors).
export interface EditorProps {
  value: string;
  onChange(value: string): void;
  onBlur?: () => void;
  /** The id of the label naming the editor. */
  labelId: string;
  /** Ids of the description and error texts. */
  describedBy?: string | undefined;
  invalid?: boolean;
}

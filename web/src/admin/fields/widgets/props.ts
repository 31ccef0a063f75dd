// What every field widget gets from the generator.
import type { FieldDefinition, FieldValue } from '../types';

export interface WidgetProps {
  def: FieldDefinition;
  value: FieldValue;
  onChange(value: FieldValue): void;
  /** The user left the field (show its client-side check from now on). */
  onBlur(): void;
  /** The message to show under the field (client check or the API's), as a sentence. */
  error: string | undefined;
  /** Limits in words, under the label. */
  description: string | undefined;
}

// The field-form generator and its value helpers.
export { FieldForm, type FieldFormProps } from './FieldForm';
export { DatePickerControl } from './DatePickerControl';
export { LabelledEditor } from './editors/LazyEditors';
export type { FieldDefinition, FieldErrors, FieldValue, FieldValues } from './types';
export * from './values';

// The field-form generator: one labelled input per field definition of a
// content type, each showing its client-side check (once touched, or all at
// once after a save attempt) or else the API's message for it.
import { useState } from 'react';

import { LabelledEditor } from './editors/LazyEditors';
import type { FieldDefinition, FieldErrors, FieldValue, FieldValues } from './types';
import { describeLimits, errorFor, sentence, validateValue } from './values';
import { BooleanWidget, MultiSelectWidget, SelectWidget } from './widgets/ChoiceWidgets';
import { DateTimeWidget, DateWidget } from './widgets/DateWidgets';
import { MediaWidget } from './widgets/MediaWidget';
import { NumberWidget } from './widgets/NumberWidget';
import type { WidgetProps } from './widgets/props';
import { ReferenceWidget } from './widgets/ReferenceWidget';
import { JsonWidget, TextWidget } from './widgets/TextWidgets';

export interface FieldFormProps {
  fields: readonly FieldDefinition[];
  values: FieldValues;
  onChange(apiId: string, value: FieldValue): void;
  /** The API's messages, keyed `fields.<apiId>` (see `fieldErrors()`). */
  errors?: FieldErrors;
  /** Show every client-side problem, touched or not (after a save attempt). */
  showAllErrors?: boolean;
  /** Titles of referenced items already known, by item id. */
  referenceTitles?: Readonly<Record<string, string>>;
}

export function FieldForm({
  fields,
  values,
  onChange,
  errors,
  showAllErrors = false,
  referenceTitles,
}: FieldFormProps) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const touch = (apiId: string) =>
    setTouched((prev) => (prev.has(apiId) ? prev : new Set(prev).add(apiId)));

  if (fields.length === 0) return null;
  return (
    <div className="field-form">
      {fields.map((def) => {
        const value = values[def.apiId] ?? null;
        const client = showAllErrors || touched.has(def.apiId) ? validateValue(def, value) : undefined;
        const message = client ?? errorFor(errors, def.apiId);
        const limits = describeLimits(def);
        const description = def.unique ? [limits, 'Must be unique'].filter(Boolean).join('. ') : limits;
        const props: WidgetProps = {
          def,
          value,
          onChange: (next) => {
            touch(def.apiId);
            onChange(def.apiId, next);
          },
          onBlur: () => touch(def.apiId),
          error: message ? sentence(def.name, message) : undefined,
          description,
        };
        return <FieldWidget key={def.apiId} {...props} referenceTitles={referenceTitles} />;
      })}
    </div>
  );
}

function FieldWidget({
  referenceTitles,
  ...props
}: WidgetProps & { referenceTitles: Readonly<Record<string, string>> | undefined }) {
  const { def, value } = props;
  switch (def.kind) {
    case 'TEXT':
      return <TextWidget {...props} />;
    case 'JSON':
      return <JsonWidget {...props} />;
    case 'MEDIA':
      return <MediaWidget {...props} />;
    case 'INTEGER':
    case 'FLOAT':
      return <NumberWidget {...props} />;
    case 'BOOLEAN':
      return <BooleanWidget {...props} />;
    case 'DATE':
      return <DateWidget {...props} />;
    case 'DATETIME':
      return <DateTimeWidget {...props} />;
    case 'SELECT':
      return <SelectWidget {...props} />;
    case 'MULTI_SELECT':
      return <MultiSelectWidget {...props} />;
    case 'REFERENCE':
      return (
        <ReferenceWidget
          {...props}
          knownTitle={typeof value === 'string' ? referenceTitles?.[value] : undefined}
        />
      );
    case 'RICH_TEXT':
    case 'MARKDOWN':
      return (
        <LabelledEditor
          kind={def.kind}
          label={def.name}
          description={props.description}
          error={props.error}
          isRequired={def.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => props.onChange(v)}
          onBlur={props.onBlur}
        />
      );
  }
}

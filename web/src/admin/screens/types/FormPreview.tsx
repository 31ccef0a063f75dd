// The generated form as the content editor will show it: the same form
// generator, fed the fields being built, so rules can be tried out before
// saving. Nothing typed here is sent anywhere.
import { useId, useState } from 'react';

import { FieldForm, toFormValue, type FieldValue } from '../../fields';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/States';
import { previewDefinition, type DraftField } from './draft';

/** A typed value, kept while its field's value shape stays the same. */
interface Tried {
  shape: string;
  value: FieldValue;
}

const shapeOf = (d: DraftField) => `${d.kind}:${d.multiple}`;

export function FormPreview({ drafts }: { drafts: readonly DraftField[] }) {
  const headingId = useId();
  const [tried, setTried] = useState<Readonly<Record<string, Tried>>>({});
  // Reset remounts the form too, which forgets which fields were touched.
  const [round, setRound] = useState(0);
  const fields = drafts.map(previewDefinition);
  const values: Record<string, FieldValue> = {};
  drafts.forEach((d, i) => {
    const own = tried[d.key];
    values[d.key] = own && own.shape === shapeOf(d) ? own.value : toFormValue(fields[i]!, undefined);
  });
  return (
    <aside className="card tb-preview" aria-labelledby={headingId}>
      <div className="tb-preview-head">
        <h2 id={headingId} className="tb-section-title">
          Preview
        </h2>
        <Button
          size="sm"
          variant="ghost"
          isDisabled={Object.keys(tried).length === 0}
          onPress={() => {
            setTried({});
            setRound((r) => r + 1);
          }}
        >
          Reset
        </Button>
      </div>
      <p className="field-description">
        The fields as the content editor shows them, below each item’s title and body. Try the rules
        out: nothing here is saved.
      </p>
      {fields.length === 0 ? (
        <EmptyState title="No fields yet" />
      ) : (
        <FieldForm
          key={round}
          fields={fields}
          values={values}
          onChange={(key, value) => {
            const draft = drafts.find((d) => d.key === key);
            if (draft) setTried((prev) => ({ ...prev, [key]: { shape: shapeOf(draft), value } }));
          }}
        />
      )}
    </aside>
  );
}

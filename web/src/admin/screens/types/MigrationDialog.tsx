// Asked before a save that removes or renames fields items hold values
// for: per field, move the values to the new api id (a rename) or drop
// them, with how many items that touches.
import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';

import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import type { Choice, FieldChanges } from './draft';

/** Fields whose values need a decision, with how many items hold them:
 * per field when `fieldUsage` told before saving, or in all when only the
 * API's refusal did. */
export type MigrationPrompt =
  | { apiIds: string[]; perField: Readonly<Record<string, number>> }
  | { apiIds: string[]; items: number };

const hold = (n: number) => (n === 1 ? '1 item holds' : `${n} items hold`);

/** "1 item holds values for a; 3 items hold values for b." */
function Held({ prompt }: { prompt: MigrationPrompt }) {
  const code = (apiId: string) => <code className="tb-code">{apiId}</code>;
  if ('perField' in prompt) {
    return prompt.apiIds.map((apiId, i) => (
      <span key={apiId}>
        {i > 0 ? '; ' : null}
        {hold(prompt.perField[apiId] ?? 0)} values for {code(apiId)}
      </span>
    ));
  }
  return (
    <>
      {hold(prompt.items)} values for{' '}
      {prompt.apiIds.map((apiId, i) => (
        <span key={apiId}>
          {i > 0 ? (i === prompt.apiIds.length - 1 ? ' and ' : ', ') : null}
          {code(apiId)}
        </span>
      ))}
    </>
  );
}

export function MigrationDialog({
  prompt,
  changes,
  busy,
  onConfirm,
  onCancel,
}: {
  prompt: MigrationPrompt;
  changes: FieldChanges;
  busy: boolean;
  onConfirm(choices: Record<string, Choice>): void;
  onCancel(): void;
}) {
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const renameOf = (apiId: string) => changes.renamed.find((r) => r.from === apiId);
  const choiceOf = (apiId: string): Choice => {
    const rename = renameOf(apiId);
    return rename && !rename.kindChanged ? (choices[apiId] ?? 'move') : 'drop';
  };
  const drops = prompt.apiIds.some((apiId) => choiceOf(apiId) === 'drop');

  return (
    <Dialog title="Fields that hold values" role="alertdialog" isOpen onOpenChange={(open) => !open && onCancel()}>
      <p>
        <Held prompt={prompt} />. Choose what happens to those values.
      </p>
      <ul className="tb-migration">
        {prompt.apiIds.map((apiId) => {
          const rename = renameOf(apiId);
          if (rename && !rename.kindChanged) {
            return (
              <li key={apiId}>
                <RadioGroup
                  className="radio-group"
                  value={choiceOf(apiId)}
                  onChange={(value) => setChoices((prev) => ({ ...prev, [apiId]: value as Choice }))}
                >
                  <Label className="field-label">
                    Values of <code className="tb-code">{apiId}</code>
                  </Label>
                  <Radio value="move" className="radio">
                    <span className="radio-dot" aria-hidden="true" />
                    Move values to {rename.to}
                  </Radio>
                  <Radio value="drop" className="radio">
                    <span className="radio-dot" aria-hidden="true" />
                    Drop its values
                  </Radio>
                </RadioGroup>
              </li>
            );
          }
          return (
            <li key={apiId}>
              <code className="tb-code">{apiId}</code>{' '}
              {rename
                ? `is renamed to ${rename.to} and changes kind, so its values cannot move: they will be dropped.`
                : 'is removed: its values will be dropped.'}
            </li>
          );
        })}
      </ul>
      <p className="field-description">
        Each item changed gets a new version, so its history keeps the old values.
      </p>
      <div className="dialog-actions">
        <Button autoFocus onPress={onCancel} isDisabled={busy}>
          Cancel
        </Button>
        <Button
          variant={drops ? 'danger' : 'primary'}
          isPending={busy}
          onPress={() =>
            onConfirm(Object.fromEntries(prompt.apiIds.map((apiId) => [apiId, choiceOf(apiId)])))
          }
        >
          {drops ? 'Save and drop values' : 'Save and move values'}
        </Button>
      </div>
    </Dialog>
  );
}

// One field of the type being built: a header that folds it away and moves
// or removes it, and the settings its kind takes (only those: the API
// refuses a rule a kind does not have).
import { useId, type ReactNode } from 'react';
import {
  Button as AriaButton,
  Checkbox,
  Disclosure,
  DisclosurePanel,
  Group,
  Heading,
  Input,
  Label,
  NumberField,
  Text,
} from 'react-aria-components';

import { sentence } from '../../fields';
import type { FieldKind } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { FieldHelp } from '../../ui/FieldHelp';
import { Select } from '../../ui/Select';
import { Notice } from '../../ui/States';
import { DefaultEditor } from './DefaultEditor';
import { KINDS, camelId, kindInfo, withKind, type Bounds, type DraftField } from './draft';

export interface FieldCardProps {
  draft: DraftField;
  index: number;
  count: number;
  /** Messages by property (`apiId`, `options`...), as the API words them. */
  errors: Readonly<Record<string, string>> | undefined;
  expanded: boolean;
  onExpandedChange(expanded: boolean): void;
  onChange(update: (draft: DraftField) => DraftField, touched: readonly string[]): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  /** Types a reference may point at. */
  referenceTypes: readonly { id: string; name: string }[];
  /** Items holding a value for the saved field, when known. */
  usage: number | undefined;
}

const KIND_ITEMS = KINDS.map((k) => ({ id: k.kind, name: k.label, hint: k.hint }));

const BOUND_LABELS: Record<Exclude<Bounds, null>, [string, string, string | undefined]> = {
  length: ['Minimum length', 'Maximum length', 'In characters.'],
  whole: ['Minimum value', 'Maximum value', undefined],
  value: ['Minimum value', 'Maximum value', undefined],
  count: ['Fewest choices', 'Most choices', 'How many options an item may choose.'],
};

/** The properties this card has a control for, given the kind. */
function shownProps(draft: DraftField): Set<string> {
  const info = kindInfo(draft.kind);
  const props = ['name', 'apiId', 'kind', 'required'];
  if (info.unique) props.push('unique');
  if (info.bounds) props.push('min', 'max');
  if (info.pattern) props.push('pattern');
  if (info.options) props.push('options');
  if (info.reference) props.push('referenceType');
  if (info.media) props.push('mediaTypes', 'multiple');
  if (info.default) props.push('default');
  return new Set(props);
}

export function FieldCard({
  draft,
  index,
  count,
  errors = {},
  expanded,
  onExpandedChange,
  onChange,
  onMove,
  onRemove,
  referenceTypes,
  usage,
}: FieldCardProps) {
  const info = kindInfo(draft.kind);
  const displayName = draft.name.trim() || 'Untitled field';
  const set = (patch: Partial<DraftField>) =>
    onChange((d) => ({ ...d, ...patch }), Object.keys(patch));
  const err = (prop: string, label: string) =>
    errors[prop] ? sentence(label, errors[prop]) : undefined;
  const shown = shownProps(draft);
  const elsewhere = Object.entries(errors).filter(([prop]) => !shown.has(prop));
  const renamed = draft.savedApiId !== null && draft.apiId.trim() !== draft.savedApiId;
  const kindChanged = draft.savedKind !== null && draft.kind !== draft.savedKind;
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <div
      role="group"
      aria-label={`Field ${index + 1}: ${displayName}`}
      className={`tb-field${hasErrors ? ' tb-field-invalid' : ''}`}
      data-field-key={draft.key}
    >
      <Disclosure isExpanded={expanded} onExpandedChange={onExpandedChange} className="tb-disclosure">
        <div className="tb-field-head">
          <Heading level={3} className="tb-field-title">
            <AriaButton slot="trigger" className="tb-field-trigger">
              <span aria-hidden="true" className="disclosure-chevron">
                ▸
              </span>
              <span className="tb-field-number">{index + 1}.</span>
              <span className="tb-field-name">{displayName}</span>
              <span className="tb-field-kind">{info.label}</span>
            </AriaButton>
          </Heading>
          <span className="tb-field-badges">
            {draft.apiId ? <code className="tb-code">{draft.apiId}</code> : null}
            {draft.required ? <span className="badge">Required</span> : null}
            {info.unique && draft.unique ? <span className="badge">Unique</span> : null}
            {draft.savedApiId === null ? <span className="badge tb-badge-new">New</span> : null}
            {renamed ? <span className="badge tb-badge-changed">Renamed</span> : null}
            {hasErrors ? <span className="badge tb-badge-error">Needs attention</span> : null}
          </span>
          <span className="tb-field-actions">
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move ${displayName} up`}
              className="tb-move-up"
              isDisabled={index === 0}
              onPress={() => onMove(-1)}
            >
              <span aria-hidden="true">↑</span>
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move ${displayName} down`}
              className="tb-move-down"
              isDisabled={index === count - 1}
              onPress={() => onMove(1)}
            >
              <span aria-hidden="true">↓</span>
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Remove ${displayName}`} onPress={onRemove}>
              Remove
            </Button>
          </span>
        </div>
        <DisclosurePanel className="tb-field-body">
          {elsewhere.length > 0 ? (
            <Notice tone="danger">
              {elsewhere.map(([prop, message]) => (
                <span key={prop}>{sentence(prop, message)} </span>
              ))}
            </Notice>
          ) : null}
          <div className="tb-grid">
            <TextField
              label="Name"
              value={draft.name}
              onChange={(name) =>
                onChange(
                  (d) => ({ ...d, name, apiId: d.apiIdFollowsName ? camelId(name) : d.apiId }),
                  ['name', 'apiId'],
                )
              }
              isRequired
              validationBehavior="aria"
              description="What editors see."
              error={err('name', 'Name')}
            />
            <TextField
              label="API id"
              value={draft.apiId}
              onChange={(apiId) => set({ apiId, apiIdFollowsName: false })}
              isRequired
              validationBehavior="aria"
              className="tb-mono"
              description={
                draft.savedApiId === null
                  ? 'The key in an item’s fields: a lowercase letter, then letters and digits.'
                  : usage === 0
                    ? 'Changing it renames the field. No item holds a value for it yet.'
                    : `Changing it renames the field; saving asks what happens to the values ${
                        usage === undefined ? 'items hold' : usage === 1 ? '1 item holds' : `${usage} items hold`
                      }.`
              }
              error={err('apiId', 'API id')}
            />
            <Select
              label="Kind"
              items={KIND_ITEMS}
              value={draft.kind}
              onChange={(key) => {
                if (key !== null) onChange((d) => withKind(d, key as FieldKind), ['kind', 'default']);
              }}
              renderItem={(item) => (
                <>
                  <Text slot="label">{item.name}</Text>
                  <Text slot="description" className="tb-kind-hint">
                    {item.hint}
                  </Text>
                </>
              )}
              error={err('kind', 'Kind')}
            />
          </div>
          {renamed ? (
            <p className="field-description">
              Renamed from <code className="tb-code">{draft.savedApiId}</code>.
            </p>
          ) : null}
          {kindChanged ? (
            <Notice tone="warning">
              Items keep the values they hold; each must fit the new kind the next time its item is saved.
            </Notice>
          ) : null}

          <fieldset className="tb-rules">
            <legend className="field-label">Rules</legend>
            <div className="tb-checks">
              <RuleCheckbox
                label="Required"
                hint="An item must have a value."
                isSelected={draft.required}
                onChange={(required) => set({ required })}
                error={err('required', 'Required')}
              />
              {info.unique ? (
                <RuleCheckbox
                  label="Unique"
                  hint="No two items may hold the same value."
                  isSelected={draft.unique}
                  onChange={(unique) => set({ unique })}
                  error={err('unique', 'Unique')}
                />
              ) : null}
              {info.media ? (
                <RuleCheckbox
                  label="Several files"
                  hint="The value is a list of files."
                  isSelected={draft.multiple}
                  onChange={(multiple) => onChange((d) => ({ ...d, multiple, default: multiple ? [] : null }), ['multiple'])}
                  error={err('multiple', 'Several files')}
                />
              ) : null}
            </div>
            {info.bounds ? (
              <div className="tb-grid tb-grid-2">
                <BoundField
                  label={BOUND_LABELS[info.bounds][0]}
                  description={BOUND_LABELS[info.bounds][2]}
                  bounds={info.bounds}
                  value={draft.min}
                  onChange={(min) => set({ min })}
                  error={err('min', BOUND_LABELS[info.bounds][0])}
                />
                <BoundField
                  label={BOUND_LABELS[info.bounds][1]}
                  description={BOUND_LABELS[info.bounds][2]}
                  bounds={info.bounds}
                  value={draft.max}
                  onChange={(max) => set({ max })}
                  error={err('max', BOUND_LABELS[info.bounds][1])}
                />
              </div>
            ) : null}
            {info.pattern ? (
              <TextField
                label="Pattern"
                className="tb-mono"
                value={draft.pattern}
                onChange={(pattern) => set({ pattern })}
                validationBehavior="aria"
                spellCheck="false"
                description="A regular expression the whole text must match, e.g. [A-Z]{2}-[0-9]{4}. Empty allows any text."
                error={err('pattern', 'Pattern')}
              />
            ) : null}
            {info.options ? (
              <TextField
                label="Options"
                multiline
                rows={Math.min(8, Math.max(3, draft.optionsText.split('\n').length + 1))}
                value={draft.optionsText}
                onChange={(optionsText) => set({ optionsText })}
                isRequired
                validationBehavior="aria"
                description="One option a line."
                error={err('options', 'Options')}
              />
            ) : null}
            {info.reference ? (
              <Select
                label="Referenced type"
                items={referenceTypes}
                value={draft.referenceType}
                onChange={(key) => set({ referenceType: key === null ? null : String(key) })}
                isRequired
                placeholder="Choose a type…"
                description="Items of this type may be chosen."
                error={err('referenceType', 'Referenced type')}
              />
            ) : null}
            {info.media ? (
              <TextField
                label="File types"
                className="tb-mono"
                value={draft.mediaTypesText}
                onChange={(mediaTypesText) => set({ mediaTypesText })}
                validationBehavior="aria"
                spellCheck="false"
                description="Separated by commas, e.g. image/*, application/pdf. Empty allows any file."
                error={err('mediaTypes', 'File types')}
              />
            ) : null}
          </fieldset>

          {info.default ? (
            <DefaultEditor
              draft={draft}
              error={errors.default}
              onChange={(value) => set({ default: value })}
            />
          ) : (
            <p className="field-description">Media fields take no default.</p>
          )}
        </DisclosurePanel>
      </Disclosure>
    </div>
  );
}

function RuleCheckbox({
  label,
  hint,
  isSelected,
  onChange,
  error,
}: {
  label: string;
  hint: ReactNode;
  isSelected: boolean;
  onChange(selected: boolean): void;
  error: string | undefined;
}) {
  const hintId = useId();
  const errorId = useId();
  return (
    <div className="tb-check">
      <Checkbox
        className="checkbox"
        isSelected={isSelected}
        onChange={onChange}
        isInvalid={!!error}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
      >
        <span className="checkbox-box" aria-hidden="true" />
        {label}
      </Checkbox>
      <span id={hintId} className="field-description">
        {hint}
      </span>
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** `min` or `max`: whole numbers except for decimal fields, never negative
 * for lengths and counts. */
function BoundField({
  label,
  description,
  bounds,
  value,
  onChange,
  error,
}: {
  label: string;
  description: string | undefined;
  bounds: Exclude<Bounds, null>;
  value: number | null;
  onChange(value: number | null): void;
  error: string | undefined;
}) {
  const whole = bounds !== 'value';
  return (
    <NumberField
      className="field"
      value={value ?? Number.NaN}
      onChange={(n) => onChange(Number.isNaN(n) ? null : n)}
      minValue={bounds === 'length' || bounds === 'count' ? 0 : undefined}
      step={whole ? 1 : undefined}
      formatOptions={
        whole
          ? { maximumFractionDigits: 0, useGrouping: false }
          : { maximumFractionDigits: 12, useGrouping: false }
      }
      isInvalid={!!error}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      <Group className="input number-group">
        <Input className="number-input" />
        <AriaButton slot="decrement" className="number-step">
          −
        </AriaButton>
        <AriaButton slot="increment" className="number-step">
          +
        </AriaButton>
      </Group>
      <FieldHelp description={description ?? 'Empty for no limit.'} error={error} />
    </NumberField>
  );
}

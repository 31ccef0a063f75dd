// Building one content type (a new one, or a saved one): its details and
// fields against the state last saved, the live preview, saving, and the
// migration dialog when a save would remove or rename fields items hold
// values for.
import type { Reference } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';

import { errorMessage } from '../../api/errors';
import { sentence } from '../../fields';
import type { FieldKind, FieldMigrationInput, TypesBuilderTypeFragment } from '../../gql/graphql';
import { usePermission } from '../../session/session';
import { Button, ButtonLink } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { useSaveShortcut } from '../../ui/useSaveShortcut';
import { Page } from '../../ui/Page';
import { EmptyState, Notice } from '../../ui/States';
import { UnsavedGuard } from '../content/editor/UnsavedGuard';
import { AddFieldMenu } from './AddFieldMenu';
import {
  NO_ERRORS,
  camelId,
  defaultProblem,
  draftFromDefinition,
  fieldChanges,
  kindInfo,
  migrationFor,
  newDraft,
  placeErrors,
  snapshot,
  toDefinitionInput,
  type Choice,
  type DetailKey,
  type DraftField,
  type PlacedErrors,
} from './draft';
import { FieldCard } from './FieldCard';
import { FormPreview } from './FormPreview';
import { MigrationDialog, type MigrationPrompt } from './MigrationDialog';
import {
  TypesCreateMutation,
  TypesFieldUsageQuery,
  TypesListQuery,
  TypesUpdateMutation,
} from './operations';

type Details = Record<DetailKey, string>;

/** A saved field removed here, kept so it can be put back before saving. */
interface Removed {
  draft: DraftField;
  index: number;
}

const itemCount = (n: number) => (n === 1 ? '1 item' : `${n} items`);
const held = (n: number) => (n === 0 ? 'no item holds a value' : n === 1 ? '1 item holds a value' : `${n} items hold a value`);

function detailsOf(type: TypesBuilderTypeFragment | undefined): Details {
  return { name: type?.name ?? '', apiId: type?.apiId ?? '', description: type?.description ?? '' };
}

/** Items holding a value, by saved field. */
type Usage = Readonly<Record<string, number>>;

function toUsage(rows: readonly { apiId: string; items: number }[] | undefined): Usage | undefined {
  return rows && Object.fromEntries(rows.map((r) => [r.apiId, r.items]));
}

/** What a save with a migration did, in words. */
function migrated(prompt: MigrationPrompt, choices: Record<string, Choice>, renames: Map<string, string>) {
  const what = (apiId: string) =>
    choices[apiId] === 'move' && renames.has(apiId)
      ? `values of ${apiId} moved to ${renames.get(apiId)}`
      : `values of ${apiId} dropped`;
  if ('perField' in prompt) {
    const parts = prompt.apiIds.map((apiId) => `${what(apiId)} in ${itemCount(prompt.perField[apiId] ?? 0)}`);
    return `Saved: ${parts.join('; ')}.`;
  }
  return `Saved. ${itemCount(prompt.items)} changed: ${prompt.apiIds.map(what).join('; ')}.`;
}

export function BuilderSession({
  type,
  notice: arrivedWith,
}: {
  /** The saved type; none for a new one. */
  type?: TypesBuilderTypeFragment;
  /** A message the previous page left (after creating the type). */
  notice?: string;
}) {
  const navigate = useNavigate();
  const client = useApolloClient();
  const detailsHeading = useId();
  const fieldsHeading = useId();

  const [initial] = useState(() => {
    const details = detailsOf(type);
    const drafts = (type?.fields ?? []).map((f) => draftFromDefinition(f));
    return { details, drafts, snapshot: snapshot(details, drafts) };
  });
  const [details, setDetails] = useState<Details>(initial.details);
  const [apiIdFollowsName, setApiIdFollowsName] = useState(!type);
  const [drafts, setDrafts] = useState<DraftField[]>(initial.drafts);
  const [saved, setSaved] = useState<readonly string[]>(() => (type?.fields ?? []).map((f) => f.apiId));
  const [removed, setRemoved] = useState<Removed[]>([]);
  const [baseline, setBaseline] = useState(initial.snapshot);
  // Saved fields start folded, so the list reads as an outline.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [notice, setNotice] = useState(arrivedWith);
  const [prompt, setPrompt] = useState<MigrationPrompt | null>(null);
  const [saving, setSaving] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  /** Where focus goes once the list has re-rendered (after a move or removal). */
  const focusNext = useRef<(() => void) | null>(null);

  const dirty = snapshot(details, drafts) !== baseline;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const isDirty = useCallback(() => dirtyRef.current, []);

  const typeList = useQuery(TypesListQuery);
  const [createType] = useMutation(TypesCreateMutation, {
    // Lists of types (the navigation's, the types list) gain the new one at
    // once; a changed type updates in place, being normalised by id.
    update(cache, { data }) {
      const created = data?.createContentType.contentType;
      if (!created) return;
      cache.modify({
        fields: {
          contentTypes(existing: readonly Reference[] = [], { toReference, readField }) {
            const ref = toReference(created);
            if (!ref || existing.some((t) => readField('id', t) === created.id)) return existing;
            return [...existing, ref];
          },
        },
      });
    },
  });
  const [updateType] = useMutation(TypesUpdateMutation);
  const usageQuery = useQuery(TypesFieldUsageQuery, {
    variables: { apiId: type?.apiId ?? '' },
    skip: !type,
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const usage = toUsage(usageQuery.data?.contentType?.fieldUsage);

  /** Counts as they are now, for the save about to be made; undefined when
   * they cannot be had (the API's refusal then still stops a save that
   * would lose values). */
  const freshUsage = async (apiId: string): Promise<Usage | undefined> => {
    try {
      const { data } = await client.query({
        query: TypesFieldUsageQuery,
        variables: { apiId },
        fetchPolicy: 'network-only',
      });
      return toUsage(data?.contentType?.fieldUsage);
    } catch {
      return undefined;
    }
  };
  const changes = useMemo(() => fieldChanges(saved, drafts), [saved, drafts]);

  const referenceTypes = useMemo(() => {
    const known = (typeList.data?.contentTypes ?? []).map((t) => ({ id: t.apiId, name: t.name }));
    // A type may refer to its own items, before it exists too.
    const self = details.apiId.trim();
    if (!type && self !== '' && !known.some((t) => t.id === self)) {
      known.push({ id: self, name: `${details.name.trim() || self} (this type)` });
    }
    return known;
  }, [typeList.data, type, details.apiId, details.name]);

  useEffect(() => {
    const focus = focusNext.current;
    focusNext.current = null;
    focus?.();
  });

  const cardOf = (key: string) => document.querySelector<HTMLElement>(`[data-field-key="${key}"]`);

  const setDetail = (key: DetailKey, value: string) => {
    setDetails((prev) => {
      const next = { ...prev, [key]: value };
      if (key === 'name' && apiIdFollowsName) next.apiId = camelId(value);
      return next;
    });
    if (key === 'apiId') setApiIdFollowsName(false);
    setErrors((prev) => {
      const left = { ...prev.details };
      delete left[key];
      if (key === 'name' && apiIdFollowsName) delete left.apiId;
      return { ...prev, details: left };
    });
  };

  const updateDraft = (key: string, update: (d: DraftField) => DraftField, touched: readonly string[]) => {
    setDrafts((prev) => prev.map((d) => (d.key === key ? update(d) : d)));
    setErrors((prev) => {
      const own = prev.fields[key];
      if (!own) return prev;
      const left = Object.fromEntries(Object.entries(own).filter(([prop]) => !touched.includes(prop)));
      return { ...prev, fields: { ...prev.fields, [key]: left } };
    });
  };

  const setFolded = (key: string, open: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });

  const addField = (kind: FieldKind) => {
    const draft = newDraft(kind);
    setDrafts((prev) => [...prev, draft]);
    setFolded(draft.key, true);
    setAnnouncement(`${kindInfo(kind).label} field added as field ${drafts.length + 1}.`);
    focusNext.current = () => cardOf(draft.key)?.querySelector<HTMLInputElement>('input')?.focus();
  };

  const move = (key: string, delta: -1 | 1) => {
    const from = drafts.findIndex((d) => d.key === key);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= drafts.length) return;
    const next = [...drafts];
    const [moving] = next.splice(from, 1);
    next.splice(to, 0, moving!);
    setDrafts(next);
    setAnnouncement(`${moving!.name.trim() || 'Untitled field'} moved to position ${to + 1} of ${next.length}.`);
    // Moving the card re-inserts it, which drops focus: keep it on the button
    // pressed, or on its twin once the field reaches an end of the list.
    const atEnd = to === 0 || to === next.length - 1;
    const pressed = delta < 0 ? '.tb-move-up' : '.tb-move-down';
    const twin = delta < 0 ? '.tb-move-down' : '.tb-move-up';
    focusNext.current = () => cardOf(key)?.querySelector<HTMLElement>(atEnd ? twin : pressed)?.focus();
  };

  const remove = (key: string) => {
    const index = drafts.findIndex((d) => d.key === key);
    const draft = drafts[index];
    if (!draft) return;
    const next = drafts.filter((d) => d.key !== key);
    setDrafts(next);
    setErrors((prev) => {
      const fields = { ...prev.fields };
      delete fields[key];
      return { ...prev, fields };
    });
    if (draft.savedApiId !== null) setRemoved((prev) => [...prev, { draft, index }]);
    setAnnouncement(`${draft.name.trim() || 'Untitled field'} removed.`);
    const neighbour = next[index] ?? next[index - 1];
    focusNext.current = () =>
      (neighbour
        ? cardOf(neighbour.key)?.querySelector<HTMLElement>('.tb-field-trigger')
        : document.querySelector<HTMLElement>('.tb-add-field')
      )?.focus();
  };

  const restore = (key: string) => {
    const entry = removed.find((r) => r.draft.key === key);
    if (!entry) return;
    setRemoved((prev) => prev.filter((r) => r.draft.key !== key));
    setDrafts((prev) => {
      const next = [...prev];
      next.splice(Math.min(entry.index, next.length), 0, entry.draft);
      return next;
    });
    setAnnouncement(`${entry.draft.name} restored.`);
    focusNext.current = () => cardOf(key)?.querySelector<HTMLElement>('.tb-field-trigger')?.focus();
  };

  /** The server's copy becomes the new starting point; keys carry over so
   * open cards stay open and the preview keeps what was tried. */
  const adopt = (next: TypesBuilderTypeFragment) => {
    const nextDrafts = next.fields.map((f, i) =>
      draftFromDefinition(f, drafts[i]?.apiId.trim() === f.apiId ? drafts[i]!.key : undefined),
    );
    const nextDetails = detailsOf(next);
    setDrafts(nextDrafts);
    setDetails(nextDetails);
    setSaved(next.fields.map((f) => f.apiId));
    setRemoved([]);
    setBaseline(snapshot(nextDetails, nextDrafts));
  };

  const save = async (migration?: FieldMigrationInput, outcome?: string) => {
    if (saving) return;
    setNotice(undefined);
    // A default that does not fit would be refused, or (JSON that does not
    // parse) lost: say so before sending.
    const defaults = drafts.flatMap((d) => {
      const problem = defaultProblem(d);
      return problem ? [[d.key, { default: problem }] as const] : [];
    });
    if (defaults.length > 0) {
      setErrors({ ...NO_ERRORS, fields: Object.fromEntries(defaults) });
      setExpanded((prev) => new Set([...prev, ...defaults.map(([key]) => key)]));
      return;
    }
    const submitted = drafts.map((d) => ({ key: d.key, input: toDefinitionInput(d) }));
    const fields = submitted.map((s) => s.input);
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      if (!type) {
        const { data } = await createType({
          variables: {
            input: {
              apiId: details.apiId.trim(),
              name: details.name.trim(),
              description: details.description.trim(),
              fields,
            },
          },
        });
        const created = data?.createContentType.contentType;
        if (!created) throw new Error('The server did not return the new type.');
        dirtyRef.current = false;
        void navigate(`/admin/types/${created.apiId}`, {
          replace: true,
          state: { notice: `Created ${created.name}.` },
        });
        return;
      }
      // Removing or renaming fields that hold values needs the user's word
      // on them first.
      const touched = [...changes.removed, ...changes.renamed.map((r) => r.from)];
      if (!migration && touched.length > 0) {
        const counts = await freshUsage(type.apiId);
        const held = touched.filter((apiId) => (counts?.[apiId] ?? 0) > 0);
        if (counts && held.length > 0) {
          setPrompt({ apiIds: held, perField: counts });
          return;
        }
      }
      const { data } = await updateType({
        variables: {
          input: {
            apiId: type.apiId,
            name: details.name.trim(),
            description: details.description.trim(),
            fields,
            migration,
          },
        },
      });
      const updated = data?.updateContentType.contentType;
      if (!updated) throw new Error('The server did not return the saved type.');
      adopt(updated);
      void usageQuery.refetch();
      setPrompt(null);
      setNotice(outcome ?? 'Saved.');
    } catch (error) {
      const placed = placeErrors(error, submitted, !type);
      if (placed.valuesHeld && type) {
        setPrompt({ apiIds: placed.valuesHeld.apiIds, items: placed.valuesHeld.items });
        return;
      }
      setPrompt(null);
      if (placed.banner.length === 0 && Object.keys(placed.fields).length === 0 && Object.keys(placed.details).length === 0) {
        placed.banner.push(errorMessage(error));
      }
      setErrors(placed);
      setExpanded((prev) => new Set([...prev, ...Object.keys(placed.fields)]));
    } finally {
      setSaving(false);
    }
  };
  useSaveShortcut(() => {
    if (dirtyRef.current) void save();
  });

  const confirmMigration = (choices: Record<string, Choice>) => {
    if (!prompt) return;
    const renames = new Map(changes.renamed.map((r) => [r.from, r.to]));
    void save(migrationFor(changes, prompt.apiIds, choices), migrated(prompt, choices, renames));
  };

  const fieldErrorCount = Object.values(errors.fields).filter((e) => Object.keys(e).length > 0).length;
  const detailError = (key: DetailKey, label: string) =>
    errors.details[key] ? sentence(label, errors.details[key]) : undefined;
  const title = type ? type.name : 'New content type';
  const mayCreateItems = usePermission('content.create');

  return (
    <Page
      title={title}
      subtitle={
        <>
          {type ? 'Content type' : 'Define what items of a new type hold'}
          {dirty ? ' · unsaved changes' : ''}
        </>
      }
      actions={
        <>
          {type ? (
            <ButtonLink href={`/admin/content/${type.apiId}`} variant="ghost">
              Items
            </ButtonLink>
          ) : null}
          {type && mayCreateItems ? (
            <ButtonLink href={`/admin/content/${type.apiId}/new`} variant="ghost">
              New {type.name}
            </ButtonLink>
          ) : null}
          <Button variant="primary" onPress={() => void save()} isPending={saving} isDisabled={type !== undefined && !dirty}>
            {type ? 'Save' : 'Create type'}
          </Button>
        </>
      }
    >
      <div className="tb-notices" aria-live="polite">
        {notice ? <Notice tone="success">{notice}</Notice> : null}
        {fieldErrorCount > 0 ? (
          <Notice tone="danger">
            {fieldErrorCount === 1 ? 'A field needs' : `${fieldErrorCount} fields need`} attention; see the
            messages under them.
          </Notice>
        ) : null}
        {errors.banner.length > 0 ? (
          <Notice tone="danger">
            {errors.banner.length === 1 ? (
              errors.banner[0]
            ) : (
              <ul>
                {errors.banner.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
          </Notice>
        ) : null}
      </div>
      <div className="tb-layout">
        <Form
          className="tb-main"
          aria-label={type ? `${type.name} content type` : 'New content type'}
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <section className="card tb-details" aria-labelledby={detailsHeading}>
            <h2 id={detailsHeading} className="tb-section-title">
              Details
            </h2>
            <div className="tb-grid tb-grid-2">
              <TextField
                label="Name"
                value={details.name}
                onChange={(v) => setDetail('name', v)}
                isRequired
                validationBehavior="aria"
                description="Shown in the navigation and on items, e.g. Book review."
                error={detailError('name', 'Name')}
              />
              {type ? (
                <div className="field">
                  <span className="field-label">API id</span>
                  <code className="tb-code tb-fixed">{type.apiId}</code>
                  <span className="field-description">Fixed once the type exists.</span>
                </div>
              ) : (
                <TextField
                  label="API id"
                  className="tb-mono"
                  value={details.apiId}
                  onChange={(v) => setDetail('apiId', v)}
                  isRequired
                  validationBehavior="aria"
                  description="How the API and addresses name the type: a lowercase letter, then 1 to 63 letters, digits or _. It cannot change later."
                  error={detailError('apiId', 'API id')}
                />
              )}
            </div>
            <TextField
              label="Description"
              multiline
              rows={2}
              value={details.description}
              onChange={(v) => setDetail('description', v)}
              validationBehavior="aria"
              description="What the type is for, for the people who write its items."
              error={detailError('description', 'Description')}
            />
            {type ? (
              <p className="field-description">
                Items follow the {type.workflow} workflow.{type.builtIn ? ' Vellum seeded this type.' : ''}
              </p>
            ) : null}
          </section>

          <section className="tb-fields" aria-labelledby={fieldsHeading}>
            <div className="tb-fields-head">
              <h2 id={fieldsHeading} className="tb-section-title">
                Fields
              </h2>
              <span className="field-description">
                {drafts.length === 1 ? '1 field' : `${drafts.length} fields`}, in the order editors see them
              </span>
            </div>
            {drafts.length === 0 ? (
              <EmptyState title="No fields yet">
                <p>Items will have a title, body and the rest every item has. Add fields for what else they hold.</p>
              </EmptyState>
            ) : (
              <ol className="tb-field-list">
                {drafts.map((draft, index) => (
                  <li key={draft.key}>
                    <FieldCard
                      draft={draft}
                      index={index}
                      count={drafts.length}
                      errors={errors.fields[draft.key]}
                      expanded={expanded.has(draft.key)}
                      onExpandedChange={(open) => setFolded(draft.key, open)}
                      onChange={(update, touched) => updateDraft(draft.key, update, touched)}
                      onMove={(delta) => move(draft.key, delta)}
                      onRemove={() => remove(draft.key)}
                      referenceTypes={referenceTypes}
                      usage={draft.savedApiId === null ? undefined : usage?.[draft.savedApiId]}
                    />
                  </li>
                ))}
              </ol>
            )}
            {removed.length > 0 ? (
              <div className="notice notice-warning tb-removed">
                <p>Removed when you save:</p>
                <ul>
                  {removed.map(({ draft }) => (
                    <li key={draft.key}>
                      {draft.name} <code className="tb-code">{draft.savedApiId}</code>
                      {usage && draft.savedApiId !== null ? ` (${held(usage[draft.savedApiId] ?? 0)})` : null}{' '}
                      <Button size="sm" onPress={() => restore(draft.key)} aria-label={`Restore ${draft.name}`}>
                        Restore
                      </Button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="tb-fields-foot">
              <AddFieldMenu onAdd={addField} />
            </div>
          </section>

          <div className="tb-save-bar">
            <Button type="submit" variant="primary" isPending={saving} isDisabled={type !== undefined && !dirty}>
              {type ? 'Save' : 'Create type'}
            </Button>
            <span className="field-description">
              {[dirty ? 'Unsaved changes' : type ? 'All changes saved' : null, 'Ctrl+S saves']
                .filter(Boolean)
                .join(' · ')}
            </span>
          </div>
        </Form>
        <FormPreview drafts={drafts} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {prompt ? (
        <MigrationDialog
          prompt={prompt}
          changes={changes}
          busy={saving}
          onConfirm={confirmMigration}
          onCancel={() => setPrompt(null)}
        />
      ) : null}
      <UnsavedGuard
        dirty={isDirty}
        message="Your changes to this content type are not saved. They will be lost if you leave."
      />
    </Page>
  );
}

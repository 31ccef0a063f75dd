// One editing session of one item (or a new one): the form's state against
// the version it started from, saving with `expectedVersion`, the conflict
// dialog, and the side panels.
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';

import {
  EditorCreateContentMutation,
  EditorCreateTagMutation,
  EditorItemEventsSubscription,
  EditorItemQuery,
  EditorLiveSlugQuery,
  EditorTaxonomyQuery,
  EditorUpdateContentMutation,
} from '../../../api/editor';
import { apiErrors, errorMessage, fieldErrors, formErrors } from '../../../api/errors';
import { validateFields, type FieldValue } from '../../../fields';
import type { EditorContentFragment, EditorTypeFragment } from '../../../gql/graphql';
import { usePermission } from '../../../session/session';
import { Button, ButtonLink } from '../../../ui/Button';
import { Page } from '../../../ui/Page';
import { useSaveShortcut } from '../../../ui/useSaveShortcut';
import { Notice } from '../../../ui/States';
import { ConflictDialog } from './ConflictDialog';
import { EditorForm } from './EditorForm';
import { unplacedErrors, withoutPaths } from './errors';
import {
  formForType,
  formFromContent,
  sameForm,
  toCreateInput,
  toUpdateInput,
  type ContentForm,
} from './formState';
import { humanize } from './labels';
import { SchedulePanel } from './SchedulePanel';
import { UnsavedGuard } from './UnsavedGuard';
import { WorkflowPanel } from './WorkflowPanel';

export interface EditorSessionProps {
  type: EditorTypeFragment;
  /** The item as the cache has it now (absent for a new item). */
  item?: EditorContentFragment;
}

const versionOf = (c: EditorContentFragment) => c.workingVersion ?? c.version;

export function EditorSession({ type, item }: EditorSessionProps) {
  const navigate = useNavigate();
  const client = useApolloClient();
  // The first render's item only: later cache updates must not reset edits.
  const [initial] = useState(() => (item ? formFromContent(item) : formForType(type)));
  const [form, setForm] = useState<ContentForm>(initial);
  const [baseline, setBaseline] = useState<ContentForm>(initial);
  const [base, setBase] = useState<number | null>(item ? versionOf(item) : null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [conflict, setConflict] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const dirty = !sameForm(form, baseline);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const isDirty = useCallback(() => dirtyRef.current, []);

  const [createContent] = useMutation(EditorCreateContentMutation);
  const [updateContent] = useMutation(EditorUpdateContentMutation);
  // Apollo writes each event's item into the cache, which `item` watches.
  useSubscription(EditorItemEventsSubscription, {
    variables: { ids: item ? [item.id] : [] },
    skip: !item,
  });
  const taxonomy = useQuery(EditorTaxonomyQuery);
  const mayManageTags = usePermission('taxonomy.manage');
  const [createTag] = useMutation(EditorCreateTagMutation, {
    refetchQueries: [EditorTaxonomyQuery],
    awaitRefetchQueries: true,
  });
  const onCreateTag = mayManageTags
    ? async (name: string) => {
        try {
          const { data } = await createTag({ variables: { input: { name } } });
          if (!data) throw new Error('The tag could not be created.');
          return data.createTag.tag.id;
        } catch (failure) {
          throw new Error(errorMessage(failure));
        }
      }
    : undefined;
  const liveSlug = useQuery(EditorLiveSlugQuery, {
    variables: { contentId: item?.id ?? '', version: item?.liveVersion ?? 0 },
    skip: !item?.isLive || item.liveVersion === null,
  });

  /** Adopt the server's copy as the form and the version to build on. */
  const adopt = useCallback((content: EditorContentFragment) => {
    const next = formFromContent(content);
    setForm(next);
    setBaseline(next);
    setBase(versionOf(content));
    setErrors({});
    setBanner([]);
    setShowAll(false);
  }, []);

  const save = async (expectedVersion?: number) => {
    // Nothing to save (Ctrl+S on a clean form) unless re-saving over a conflict.
    if (item && !dirtyRef.current && expectedVersion === undefined) return;
    const clientErrors = validateFields(type.fields, form.fields);
    if (form.title.trim() === '' || Object.keys(clientErrors).length > 0) {
      setShowAll(true);
      setBanner([]);
      return;
    }
    setSaving(true);
    setBanner([]);
    const submitted = form;
    try {
      if (!item) {
        const result = await createContent({ variables: { input: toCreateInput(submitted, type) } });
        const created = result.data?.createContent.content;
        if (!created) throw new Error('The server did not return the new item.');
        dirtyRef.current = false;
        setBaseline(submitted);
        void navigate(`/admin/items/${created.id}`, { replace: true });
        return;
      }
      const version = expectedVersion ?? base ?? versionOf(item);
      const result = await updateContent({
        variables: { input: toUpdateInput(submitted, type, item.id, version, baseline) },
      });
      const updated = result.data?.updateContent.content;
      if (!updated) throw new Error('The server did not return the saved item.');
      const next = formFromContent(updated);
      setBaseline(next);
      // Edits made while the save was on its way stay.
      setForm((prev) => (sameForm(prev, submitted) ? next : prev));
      setBase(versionOf(updated));
      setErrors({});
      setShowAll(false);
      setConflict(null);
      setSavedAt(new Date());
    } catch (error) {
      const conflictAt = apiErrors(error).find((e) => e.code === 'CONFLICT')?.extensions.currentVersion;
      if (typeof conflictAt === 'number') {
        setConflict(conflictAt);
        return;
      }
      const byField = fieldErrors(error);
      setErrors(byField);
      setBanner([...formErrors(error), ...unplacedErrors(byField, type)]);
      if (Object.keys(byField).length === 0 && formErrors(error).length === 0) setBanner([errorMessage(error)]);
    } finally {
      setSaving(false);
    }
  };
  useSaveShortcut(() => void save());

  const takeTheirs = async () => {
    if (!item) return;
    setSaving(true);
    try {
      const { data } = await client.query({
        query: EditorItemQuery,
        variables: { id: item.id },
        fetchPolicy: 'network-only',
      });
      if (data?.content) adopt(data.content);
      setConflict(null);
    } catch (error) {
      setBanner([errorMessage(error)]);
    } finally {
      setSaving(false);
    }
  };

  const change = (patch: Partial<ContentForm>) => {
    setForm((prev) => ({ ...prev, ...patch }));
    setErrors((prev) => withoutPaths(prev, Object.keys(patch)));
  };
  const changeField = (apiId: string, value: FieldValue) => {
    setForm((prev) => ({ ...prev, fields: { ...prev.fields, [apiId]: value } }));
    setErrors((prev) => withoutPaths(prev, [`fields.${apiId}`]));
  };

  /** A workflow step or schedule saved a new version: build on it. */
  const stepped = (content: EditorContentFragment) => {
    if (dirtyRef.current) setBase(versionOf(content));
    else adopt(content);
  };

  const referenceTitles = useMemo(() => {
    const out: Record<string, string> = {};
    for (const r of item?.references ?? []) if (r.content) out[r.content.id] = r.content.title;
    return out;
  }, [item?.references]);

  // After a save attempt, while a field still fails its check (the messages
  // under the fields say which).
  const needsAttention =
    showAll && (form.title.trim() === '' || Object.keys(validateFields(type.fields, form.fields)).length > 0);
  const newer = item && base !== null && versionOf(item) > base && conflict === null ? versionOf(item) : null;
  const title = item ? item.title || 'Untitled' : `New ${type.name}`;

  return (
    <Page
      title={title}
      subtitle={
        <>
          {type.name}
          {item ? ` · version ${base ?? versionOf(item)}` : ''}
          {dirty ? ' · unsaved changes' : savedAt ? ' · saved' : ''}
        </>
      }
      actions={
        <>
          {item ? (
            <ButtonLink href={`/admin/items/${item.id}/history`} variant="ghost">
              History
            </ButtonLink>
          ) : null}
          <Button variant="primary" onPress={() => void save()} isPending={saving} isDisabled={item !== undefined && !dirty}>
            {item ? 'Save' : 'Create'}
          </Button>
        </>
      }
    >
      <div className="editor-notices" aria-live="polite">
        {needsAttention ? (
          <Notice tone="danger">Some fields need attention; see the messages under them.</Notice>
        ) : null}
        {banner.length > 0 ? (
          <Notice tone="danger">
            {banner.length === 1 ? (
              banner[0]
            ) : (
              <ul>
                {banner.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
          </Notice>
        ) : null}
        {newer !== null ? (
          <Notice tone="warning">
            Someone saved version {newer} while you were here.{' '}
            {dirty ? 'Saving will show what they changed.' : null}
            {!dirty ? (
              <Button size="sm" onPress={() => void takeTheirs()}>
                Load version {newer}
              </Button>
            ) : null}
          </Notice>
        ) : null}
        {taxonomy.error ? (
          <Notice tone="warning">Categories and tags could not be loaded: {errorMessage(taxonomy.error)}</Notice>
        ) : null}
      </div>
      <div className={`editor-layout${item ? '' : ' editor-layout-single'}`}>
        <Form
          className="card editor-main"
          aria-label={`${type.name} form`}
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <EditorForm
            form={form}
            onChange={change}
            onFieldChange={changeField}
            type={type}
            errors={errors}
            showAllErrors={showAll}
            categories={taxonomy.data?.categories ?? []}
            tags={taxonomy.data?.tags ?? []}
            onCreateTag={onCreateTag}
            referenceTitles={referenceTitles}
            liveSlug={liveSlug.data?.contentVersion?.slug ?? null}
          />
          <div className="editor-save-bar">
            <Button
              type="submit"
              variant="primary"
              isPending={saving}
              isDisabled={item !== undefined && !dirty}
            >
              {item ? 'Save' : 'Create'}
            </Button>
            <span className="field-description">
              {[dirty ? 'Unsaved changes' : item ? 'All changes saved' : null, 'Ctrl+S saves']
                .filter(Boolean)
                .join(' · ')}
            </span>
          </div>
        </Form>
        {item ? (
          <aside className="editor-side" aria-label="Publishing">
            <WorkflowPanel item={item} dirty={dirty} onDone={stepped} />
            <SchedulePanel item={item} onDone={stepped} />
            <section className="card editor-panel" aria-labelledby="details-heading">
              <h2 id="details-heading" className="editor-panel-title">
                Details
              </h2>
              <dl className="editor-details">
                <dt>Status</dt>
                <dd>{humanize(item.status)}</dd>
                <dt>Working version</dt>
                <dd>{versionOf(item)}</dd>
                <dt>Live version</dt>
                <dd>{item.liveVersion ?? 'none'}</dd>
                <dt>Updated</dt>
                <dd>
                  <time dateTime={item.updatedAt}>{new Date(item.updatedAt).toLocaleString()}</time>
                </dd>
              </dl>
              <ButtonLink href={`/admin/items/${item.id}/history`} size="sm">
                Version history
              </ButtonLink>
            </section>
          </aside>
        ) : null}
      </div>
      <UnsavedGuard dirty={isDirty} />
      {item && conflict !== null && base !== null ? (
        <ConflictDialog
          contentId={item.id}
          base={base}
          current={conflict}
          type={type}
          busy={saving}
          onKeepMine={() => void save(conflict)}
          onTakeTheirs={() => void takeTheirs()}
          onCancel={() => setConflict(null)}
        />
      ) : null}
    </Page>
  );
}

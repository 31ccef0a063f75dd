// The tag dialogs: create or rename (name and slug), delete, and merge
// several tags into one.
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';

import type { TaxonomyTagFragment } from '../../gql/graphql';
import { ActionDialog } from '../../ui/ActionDialog';
import { TextField } from '../../ui/Field';
import { items } from './format';
import {
  TaxonomyCreateTagMutation,
  TaxonomyDeleteTagMutation,
  TaxonomyMergeTagsMutation,
  TaxonomyTagsQuery,
  TaxonomyUpdateTagMutation,
  evict,
} from './operations';

export type Tag = TaxonomyTagFragment;

type Done = (message: string) => void;

/** Creates a tag (`tag` absent) or renames one. */
export function TagFormDialog({
  tag,
  onClose,
  onDone,
}: {
  tag?: Tag;
  onClose(): void;
  onDone: Done;
}) {
  const [name, setName] = useState(tag?.name ?? '');
  const [slug, setSlug] = useState(tag?.slug ?? '');
  const [create] = useMutation(TaxonomyCreateTagMutation, {
    refetchQueries: [TaxonomyTagsQuery],
    awaitRefetchQueries: true,
  });
  const [update] = useMutation(TaxonomyUpdateTagMutation);

  return (
    <ActionDialog
      title={tag ? `Rename “${tag.name}”` : 'New tag'}
      submitLabel={tag ? 'Rename' : 'Create tag'}
      fields={['name', 'slug']}
      onClose={onClose}
      run={async () => {
        // Without a slug the API makes one from the name, on a rename too.
        const input = { id: tag?.id, name, slug: slug.trim() === '' ? null : slug.trim() };
        if (tag) {
          await update({ variables: { input } });
          onDone(`Renamed “${tag.name}” to “${name.trim()}”.`);
        } else {
          await create({ variables: { input } });
          onDone(`Created the tag “${name.trim()}”.`);
        }
      }}
    >
      {(errors) => (
        <>
          <TextField label="Name" value={name} onChange={setName} isRequired autoFocus error={errors.name} />
          <TextField
            label="Slug"
            value={slug}
            onChange={setSlug}
            description={
              tag
                ? 'Made from the new name when left empty. Links that use the old slug stop working.'
                : 'Made from the name when left empty. Lowercase letters, digits and hyphens.'
            }
            error={errors.slug}
          />
        </>
      )}
    </ActionDialog>
  );
}

export function DeleteTagDialog({
  tag,
  onClose,
  onDone,
}: {
  tag: Tag;
  onClose(): void;
  onDone: Done;
}) {
  const [remove] = useMutation(TaxonomyDeleteTagMutation, {
    refetchQueries: [TaxonomyTagsQuery],
    awaitRefetchQueries: true,
  });
  return (
    <ActionDialog
      title={`Delete “${tag.name}”?`}
      submitLabel="Delete tag"
      danger
      onClose={onClose}
      run={async () => {
        await remove({
          variables: { input: { id: tag.id } },
          update: (cache) => evict(cache, 'Tag', [tag.id]),
        });
        onDone(`Deleted the tag “${tag.name}”.`);
      }}
    >
      <p className="tx-dialog-text">
        {tag.usageCount === 0
          ? 'No item uses this tag.'
          : `${items(tag.usageCount)} ${tag.usageCount === 1 ? 'uses' : 'use'} this tag and will lose it.`}{' '}
        Earlier versions of items keep the tag's id, which will no longer name a tag.
      </p>
    </ActionDialog>
  );
}

/** Folds the chosen tags into the one the user keeps. */
export function MergeTagsDialog({
  tags,
  onClose,
  onDone,
}: {
  /** The chosen tags, two or more. */
  tags: readonly Tag[];
  onClose(): void;
  onDone: Done;
}) {
  // The most used tag is the likely keeper.
  const [targetId, setTargetId] = useState(
    () => [...tags].sort((a, b) => b.usageCount - a.usageCount)[0]?.id ?? '',
  );
  const [merge] = useMutation(TaxonomyMergeTagsMutation, {
    refetchQueries: [TaxonomyTagsQuery],
    awaitRefetchQueries: true,
  });
  const target = tags.find((t) => t.id === targetId);
  const sources = tags.filter((t) => t.id !== targetId);
  const counted = (list: readonly Tag[]) =>
    list.map((t) => `“${t.name}” (${items(t.usageCount)})`).join(', ');

  return (
    <ActionDialog
      title={`Merge ${tags.length} tags`}
      submitLabel="Merge tags"
      danger
      onClose={onClose}
      run={async () => {
        if (!target) return;
        const result = await merge({
          variables: { input: { sourceIds: sources.map((t) => t.id), targetId: target.id } },
          update: (cache) => evict(cache, 'Tag', sources.map((t) => t.id)),
        });
        const changed = result.data?.mergeTags.itemsChanged ?? 0;
        const merged = sources.length === 1 ? '1 tag' : `${sources.length} tags`;
        onDone(`Merged ${merged} into “${target.name}”: ${items(changed)} changed.`);
      }}
    >
      <RadioGroup className="radio-group" value={targetId} onChange={setTargetId}>
        <Label className="field-label">Keep</Label>
        {tags.map((tag) => (
          <Radio key={tag.id} value={tag.id} className="radio">
            <span className="radio-dot" aria-hidden="true" />
            {tag.name} <span className="tx-count">({items(tag.usageCount)})</span>
          </Radio>
        ))}
      </RadioGroup>
      {target ? (
        <p className="tx-dialog-text">
          Deleted: {counted(sources)}. Their items and files get “{target.name}” instead (once,
          where they already have it). Earlier versions of items keep the deleted tags' ids.
        </p>
      ) : null}
    </ActionDialog>
  );
}

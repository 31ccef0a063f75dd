// The category dialogs: create (at the top level or below a category),
// edit (name, slug, description), move (a parent picker: the keyboard's
// and the careful user's way to move, beside dragging) and delete.
import { useMutation } from '@apollo/client/react';
import { useMemo, useState } from 'react';

import type { TaxonomyCategoryFragment } from '../../gql/graphql';
import { ActionDialog } from '../../ui/ActionDialog';
import { TextField } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { items } from './format';
import {
  TaxonomyCategoriesQuery,
  TaxonomyCreateCategoryMutation,
  TaxonomyDeleteCategoryMutation,
  TaxonomyUpdateCategoryMutation,
  evict,
} from './operations';
import { categoryPath, parentChoices, type ParentChoice } from './tree';

export type Category = TaxonomyCategoryFragment;

/** Says what happened, for the panel's status line. */
type Done = (message: string) => void;

const SLUG_HELP = 'Lowercase letters, digits and hyphens; used in URLs and API filters.';

/** A null input for an empty text, so the API applies its own default. */
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function ParentSelect({
  choices,
  value,
  onChange,
  error,
  label = 'Parent',
}: {
  choices: readonly ParentChoice[];
  value: string | null;
  onChange(id: string | null): void;
  error: string | undefined;
  label?: string;
}) {
  return (
    <Select
      label={label}
      items={choices}
      value={value}
      onChange={(key) => onChange(key === null ? null : String(key))}
      noneLabel="None (top level)"
      error={error}
      textValue={(choice) => choice.name}
      renderItem={(choice) => (
        <span className="tx-choice" style={{ paddingInlineStart: `${choice.depth * 1.1}rem` }}>
          {choice.name}
          {choice.depth > 0 ? <span className="visually-hidden">, in {choice.path}</span> : null}
        </span>
      )}
    />
  );
}

type Text = readonly [string, (value: string) => void];

/** Name, slug and description: the same fields for a new category and an edit. */
function CategoryTextFields({
  name: [name, setName],
  slug: [slug, setSlug],
  description: [description, setDescription],
  slugRequired = false,
  slugHelp,
  errors,
}: {
  name: Text;
  slug: Text;
  description: Text;
  /** An edit keeps a slug; only a new category may leave it to the API. */
  slugRequired?: boolean;
  slugHelp: string;
  errors: Record<string, string>;
}) {
  return (
    <>
      <TextField label="Name" value={name} onChange={setName} isRequired autoFocus error={errors.name} />
      <TextField
        label="Slug"
        value={slug}
        onChange={setSlug}
        isRequired={slugRequired}
        description={slugHelp}
        error={errors.slug}
      />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        multiline
        error={errors.description}
      />
    </>
  );
}

export function CreateCategoryDialog({
  categories,
  parentId: initialParent,
  onClose,
  onDone,
}: {
  categories: readonly Category[];
  parentId: string | null;
  onClose(): void;
  onDone: Done;
}) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [description, setDescription] = useState('');
  const [parentId, setParentId] = useState(initialParent);
  const choices = useMemo(() => parentChoices(categories), [categories]);
  const [create] = useMutation(TaxonomyCreateCategoryMutation, {
    refetchQueries: [TaxonomyCategoriesQuery],
    awaitRefetchQueries: true,
  });
  const parentName = initialParent ? categoryPath(categories, initialParent) : undefined;

  return (
    <ActionDialog
      title={parentName ? `New category in ${parentName}` : 'New category'}
      submitLabel="Create category"
      fields={['name', 'slug', 'description', 'parentId']}
      onClose={onClose}
      run={async () => {
        const result = await create({
          variables: {
            input: { name, slug: orNull(slug), description: orNull(description), parentId },
          },
        });
        onDone(`Created the category “${result.data?.createCategory.category.name ?? name}”.`);
      }}
    >
      {(errors) => (
        <>
          <CategoryTextFields
            name={[name, setName]}
            slug={[slug, setSlug]}
            description={[description, setDescription]}
            slugHelp={`Made from the name when left empty. ${SLUG_HELP}`}
            errors={errors}
          />
          <ParentSelect choices={choices} value={parentId} onChange={setParentId} error={errors.parentId} />
        </>
      )}
    </ActionDialog>
  );
}

export function EditCategoryDialog({
  category,
  onClose,
  onDone,
}: {
  category: Category;
  onClose(): void;
  onDone: Done;
}) {
  const [name, setName] = useState(category.name);
  const [slug, setSlug] = useState(category.slug);
  const [description, setDescription] = useState(category.description);
  const [update] = useMutation(TaxonomyUpdateCategoryMutation);

  return (
    <ActionDialog
      title={`Edit “${category.name}”`}
      submitLabel="Save"
      fields={['name', 'slug', 'description']}
      onClose={onClose}
      run={async () => {
        await update({
          variables: { input: { id: category.id, name, slug: slug.trim(), description } },
        });
        onDone(`Saved the category “${name.trim()}”.`);
      }}
    >
      {(errors) => (
        <>
          <CategoryTextFields
            name={[name, setName]}
            slug={[slug, setSlug]}
            description={[description, setDescription]}
            slugRequired
            slugHelp={`${SLUG_HELP} Links that use the old slug stop working.`}
            errors={errors}
          />
        </>
      )}
    </ActionDialog>
  );
}

export function MoveCategoryDialog({
  category,
  categories,
  onClose,
  move,
}: {
  category: Category;
  categories: readonly Category[];
  onClose(): void;
  /** Moves the category (the same path as a drop in the tree). */
  move(category: Category, parentId: string | null): Promise<void>;
}) {
  const current = category.parentId ?? null;
  const [parentId, setParentId] = useState(current);
  // Neither the category itself nor anything below it: the API would
  // refuse a category below itself.
  const choices = useMemo(() => parentChoices(categories, category.id), [categories, category.id]);

  return (
    <ActionDialog
      title={`Move “${category.name}”`}
      submitLabel="Move"
      fields={['parentId']}
      onClose={onClose}
      run={async () => {
        if (parentId !== current) await move(category, parentId);
      }}
    >
      {(errors) => (
        <>
          <p className="tx-dialog-text">
            Now {current ? <>in “{categoryPath(categories, current)}”</> : 'at the top level'}.
            {categories.some((c) => c.parentId === category.id)
              ? ' Its subcategories move with it.'
              : null}
          </p>
          <ParentSelect
            label="New parent"
            choices={choices}
            value={parentId}
            onChange={setParentId}
            error={errors.parentId}
          />
        </>
      )}
    </ActionDialog>
  );
}

export function DeleteCategoryDialog({
  category,
  childCount,
  onClose,
  onDone,
}: {
  category: Category;
  childCount: number;
  onClose(): void;
  onDone: Done;
}) {
  const holds = [
    ...(childCount > 0 ? [`${childCount} ${childCount === 1 ? 'subcategory' : 'subcategories'}`] : []),
    ...(category.itemCount > 0 ? [items(category.itemCount)] : []),
  ];
  const [remove] = useMutation(TaxonomyDeleteCategoryMutation, {
    refetchQueries: [TaxonomyCategoriesQuery],
    awaitRefetchQueries: true,
  });
  return (
    <ActionDialog
      title={`Delete “${category.name}”?`}
      submitLabel="Delete category"
      danger
      onClose={onClose}
      run={async () => {
        await remove({
          variables: { input: { id: category.id } },
          update: (cache) => evict(cache, 'Category', [category.id]),
        });
        onDone(`Deleted the category “${category.name}”.`);
      }}
    >
      <p className="tx-dialog-text">
        Only a category with no subcategories and no items can be deleted.{' '}
        {holds.length > 0 ? `This one has ${holds.join(' and ')}.` : null}
      </p>
    </ActionDialog>
  );
}

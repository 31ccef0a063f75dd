// The editor's fields: title, slug, excerpt, body (rich text or Markdown),
// taxonomy, SEO, locale and the type's custom fields. Errors come keyed by
// the paths the API names (`title`, `slug`, `fields.price`, ...).
import { useEffect, useState } from 'react';
import {
  Disclosure,
  DisclosurePanel,
  Heading,
  Radio,
  RadioGroup,
  Label,
  Button as AriaButton,
  Switch,
} from 'react-aria-components';

import { FieldForm, LabelledEditor, sentence, type FieldValue } from '../../../fields';
import type { BodyFormat, EditorTypeFragment } from '../../../gql/graphql';
import { TextField } from '../../../ui/Field';
import type { ContentForm } from './formState';
import { CategorySelect, TagPicker, type CategoryOption } from './TaxonomyFields';

export interface EditorFormProps {
  form: ContentForm;
  onChange(patch: Partial<ContentForm>): void;
  onFieldChange(apiId: string, value: FieldValue): void;
  type: EditorTypeFragment;
  errors: Record<string, string>;
  showAllErrors: boolean;
  categories: readonly CategoryOption[];
  tags: readonly { id: string; name: string }[];
  /** Makes a tag from the picker (for users who may manage taxonomy). */
  onCreateTag?: (name: string) => Promise<string>;
  referenceTitles: Readonly<Record<string, string>>;
  /** The slug the public sees now (a live item), for the redirect notice. */
  liveSlug: string | null;
}

export function EditorForm({
  form,
  onChange,
  onFieldChange,
  type,
  errors,
  showAllErrors,
  categories,
  tags,
  onCreateTag,
  referenceTitles,
  liveSlug,
}: EditorFormProps) {
  const err = (path: string, label: string) => {
    const message = errors[path];
    return message ? sentence(label, message) : undefined;
  };
  const titleMissing = showAllErrors && form.title.trim() === '' ? 'Title is required.' : undefined;
  const slugChanged = liveSlug !== null && form.slug.trim() !== '' && form.slug.trim() !== liveSlug;
  const hasSeoError = ['seoTitle', 'seoDescription', 'canonicalUrl', 'noIndex'].some((p) => errors[p]);
  const [seoOpen, setSeoOpen] = useState(hasSeoError);
  // An error inside the panel opens it, so the message is seen.
  useEffect(() => {
    if (hasSeoError) setSeoOpen(true);
  }, [hasSeoError]);

  return (
    <div className="editor-form">
      <TextField
        label="Title"
        value={form.title}
        onChange={(title) => onChange({ title })}
        isRequired
        validationBehavior="aria"
        error={titleMissing ?? err('title', 'Title')}
        className="editor-title"
      />
      <TextField
        label="Slug"
        value={form.slug}
        onChange={(slug) => onChange({ slug })}
        validationBehavior="aria"
        error={err('slug', 'Slug')}
        description={
          slugChanged
            ? `The live page is at “${liveSlug}”. When this version is published, “${liveSlug}” will redirect to “${form.slug.trim()}”.`
            : liveSlug === null && form.slug === ''
              ? 'Leave empty to make one from the title.'
              : 'Lowercase letters, digits and hyphens.'
        }
      />
      <TextField
        label="Excerpt"
        value={form.excerpt}
        onChange={(excerpt) => onChange({ excerpt })}
        multiline
        rows={2}
        validationBehavior="aria"
        error={err('excerpt', 'Excerpt')}
      />
      <RadioGroup
        className="field body-format"
        orientation="horizontal"
        value={form.bodyFormat}
        onChange={(v) => onChange({ bodyFormat: v as BodyFormat })}
      >
        <Label className="field-label">Body format</Label>
        <div className="segmented">
          <Radio value="RICH_TEXT" className="segment">
            Rich text
          </Radio>
          <Radio value="MARKDOWN" className="segment">
            Markdown
          </Radio>
        </div>
      </RadioGroup>
      <LabelledEditor
        // A new editor for the new format; the text carries over as it is.
        key={form.bodyFormat}
        kind={form.bodyFormat}
        label="Body"
        value={form.body}
        onChange={(body) => onChange({ body })}
        error={err('body', 'Body')}
      />
      <div className="form-row editor-taxonomy">
        <CategorySelect
          categories={categories}
          value={form.categoryId}
          onChange={(categoryId) => onChange({ categoryId })}
          error={err('categoryId', 'Category')}
        />
        <TextField
          label="Locale"
          value={form.locale}
          onChange={(locale) => onChange({ locale })}
          description="A language tag such as en or pt-BR."
          validationBehavior="aria"
          error={err('locale', 'Locale')}
        />
      </div>
      <TagPicker
        tags={tags}
        value={form.tagIds}
        onChange={(tagIds) => onChange({ tagIds })}
        error={err('tagIds', 'Tags')}
        onCreate={onCreateTag}
      />

      {type.fields.length > 0 ? (
        <section className="editor-section" aria-labelledby="custom-fields-heading">
          <h2 id="custom-fields-heading" className="editor-section-title">
            {type.name} fields
          </h2>
          <FieldForm
            fields={type.fields}
            values={form.fields}
            onChange={onFieldChange}
            errors={errors}
            showAllErrors={showAllErrors}
            referenceTitles={referenceTitles}
          />
        </section>
      ) : null}

      <Disclosure className="editor-disclosure" isExpanded={seoOpen} onExpandedChange={setSeoOpen}>
        <Heading className="editor-section-title">
          <AriaButton slot="trigger" className="disclosure-trigger">
            <span aria-hidden="true" className="disclosure-chevron">
              ▸
            </span>
            Search and sharing (SEO)
          </AriaButton>
        </Heading>
        <DisclosurePanel className="disclosure-panel">
          <TextField
            label="SEO title"
            description="Empty: the title is used."
            value={form.seoTitle}
            onChange={(seoTitle) => onChange({ seoTitle })}
            validationBehavior="aria"
            error={err('seoTitle', 'SEO title')}
          />
          <TextField
            label="SEO description"
            description="Empty: the excerpt is used."
            value={form.seoDescription}
            onChange={(seoDescription) => onChange({ seoDescription })}
            multiline
            rows={2}
            validationBehavior="aria"
            error={err('seoDescription', 'SEO description')}
          />
          <TextField
            label="Canonical URL"
            description="Only when the page's canonical address is elsewhere (http or https)."
            type="url"
            value={form.canonicalUrl}
            onChange={(canonicalUrl) => onChange({ canonicalUrl })}
            validationBehavior="aria"
            error={err('canonicalUrl', 'Canonical URL')}
          />
          <Switch
            className="switch"
            isSelected={form.noIndex}
            onChange={(noIndex) => onChange({ noIndex })}
          >
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            <span className="field-label">Ask search engines not to index this page</span>
          </Switch>
        </DisclosurePanel>
      </Disclosure>
    </div>
  );
}

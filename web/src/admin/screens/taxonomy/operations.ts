// The taxonomy screen's operations. A category or tag change answers the
// whole row, so the normalised cache updates it in place; creating,
// deleting and merging change the lists (and merging the counts), which
// are fetched again.
import type { ApolloCache } from '@apollo/client';

import { graphql } from '../../gql';

export const TaxonomyCategoryFragment = graphql(`
  fragment TaxonomyCategory on Category {
    id
    name
    slug
    description
    parentId
    itemCount
  }
`);

export const TaxonomyTagFragment = graphql(`
  fragment TaxonomyTag on Tag {
    id
    name
    slug
    usageCount
  }
`);

export const TaxonomyCategoriesQuery = graphql(`
  query TaxonomyCategories {
    categories {
      ...TaxonomyCategory
    }
  }
`);

export const TaxonomyTagsQuery = graphql(`
  query TaxonomyTags {
    tags {
      ...TaxonomyTag
    }
  }
`);

export const TaxonomyCreateCategoryMutation = graphql(`
  mutation TaxonomyCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      category {
        ...TaxonomyCategory
      }
    }
  }
`);

export const TaxonomyUpdateCategoryMutation = graphql(`
  mutation TaxonomyUpdateCategory($input: UpdateCategoryInput!) {
    updateCategory(input: $input) {
      category {
        ...TaxonomyCategory
      }
    }
  }
`);

export const TaxonomyDeleteCategoryMutation = graphql(`
  mutation TaxonomyDeleteCategory($input: DeleteByIdInput!) {
    deleteCategory(input: $input) {
      id
    }
  }
`);

export const TaxonomyCreateTagMutation = graphql(`
  mutation TaxonomyCreateTag($input: TagInput!) {
    createTag(input: $input) {
      tag {
        ...TaxonomyTag
      }
    }
  }
`);

export const TaxonomyUpdateTagMutation = graphql(`
  mutation TaxonomyUpdateTag($input: TagInput!) {
    updateTag(input: $input) {
      tag {
        ...TaxonomyTag
      }
    }
  }
`);

export const TaxonomyDeleteTagMutation = graphql(`
  mutation TaxonomyDeleteTag($input: DeleteByIdInput!) {
    deleteTag(input: $input) {
      id
    }
  }
`);

export const TaxonomyMergeTagsMutation = graphql(`
  mutation TaxonomyMergeTags($input: MergeTagsInput!) {
    mergeTags(input: $input) {
      itemsChanged
      tag {
        ...TaxonomyTag
      }
    }
  }
`);

/** Drops deleted (or merged-away) rows at once, rather than waiting for the refetch. */
export function evict(cache: ApolloCache, typename: 'Category' | 'Tag', ids: readonly string[]) {
  for (const id of ids) cache.evict({ id: cache.identify({ __typename: typename, id }) });
  cache.gc();
}

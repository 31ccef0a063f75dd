// The content types screens' operations. A type's fields are selected as
// the content editor selects them (`EditorFieldDefinition`), so a saved
// change lands in the cache entry the editor reads: a form opened after the
// save already has the new fields.
import { graphql } from '../../gql';

export const TypesBuilderTypeFragment = graphql(`
  fragment TypesBuilderType on ContentType {
    id
    apiId
    name
    description
    builtIn
    workflow
    updatedAt
    fields {
      ...EditorFieldDefinition
    }
  }
`);

/** Every type, as the builder reads one: the list and the builder keep one
 * shape of a type's fields in the cache. */
export const TypesListQuery = graphql(`
  query TypesList {
    contentTypes {
      ...TypesBuilderType
    }
  }
`);

export const TypesBuilderQuery = graphql(`
  query TypesBuilder($apiId: String!) {
    contentType(apiId: $apiId) {
      ...TypesBuilderType
    }
  }
`);

export const TypesCreateMutation = graphql(`
  mutation TypesCreate($input: CreateContentTypeInput!) {
    createContentType(input: $input) {
      contentType {
        ...TypesBuilderType
      }
    }
  }
`);

export const TypesUpdateMutation = graphql(`
  mutation TypesUpdate($input: UpdateContentTypeInput!) {
    updateContentType(input: $input) {
      contentType {
        ...TypesBuilderType
      }
    }
  }
`);

/** How many items hold a value for each saved field (managers only, so
 * apart from the type itself): what a removal or rename would migrate. */
export const TypesFieldUsageQuery = graphql(`
  query TypesFieldUsage($apiId: String!) {
    contentType(apiId: $apiId) {
      id
      fieldUsage {
        apiId
        items
      }
    }
  }
`);

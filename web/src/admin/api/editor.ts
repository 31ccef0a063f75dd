// The content editor's operations: the item (or its type, for a new one),
// the choices its form offers, saving, the conflict diff, the workflow and
// the schedule. Every selection names `__typename`: the server runs the
// persisted copy of a document, so Apollo's own additions never reach it,
// and without the type name the cache can neither match fragments nor
// normalize objects.
import { graphql } from '../gql';

export const EditorFieldDefinitionFragment = graphql(`
  fragment EditorFieldDefinition on FieldDefinition {
    __typename
    apiId
    name
    kind
    required
    min
    max
    pattern
    options
    referenceType
    mediaTypes
    multiple
    default
    unique
  }
`);

export const EditorTypeFragment = graphql(`
  fragment EditorType on ContentType {
    __typename
    id
    apiId
    name
    workflow
    fields {
      __typename
      ...EditorFieldDefinition
    }
  }
`);

export const EditorContentFragment = graphql(`
  fragment EditorContent on Content {
    __typename
    id
    title
    slug
    excerpt
    body
    bodyFormat
    fields
    locale
    seoTitle
    seoDescription
    canonicalUrl
    noIndex
    status
    isLive
    version
    workingVersion
    liveVersion
    publishAt
    unpublishAt
    updatedAt
    category {
      __typename
      id
      name
    }
    tags {
      __typename
      id
      name
    }
    references {
      __typename
      id
      field
      content {
        __typename
        id
        title
      }
    }
    availableActions {
      __typename
      action
      toStatus
      commentRequired
      goesLive
      takesDown
    }
    type {
      __typename
      ...EditorType
    }
  }
`);

export const EditorItemQuery = graphql(`
  query EditorItem($id: UUID!) {
    content(id: $id) {
      __typename
      ...EditorContent
    }
  }
`);

/**
 * What others do to the open item: each event's item lands in the cache, so
 * the editor can say "someone saved version N" before a save would conflict.
 */
export const EditorItemEventsSubscription = graphql(`
  subscription EditorItemEvents($ids: [UUID!]!) {
    contentEvents(filter: { ids: $ids }) {
      id
      kind
      content {
        ...EditorContent
      }
    }
  }
`);

export const EditorTypeQuery = graphql(`
  query EditorType($apiId: String!) {
    contentType(apiId: $apiId) {
      __typename
      ...EditorType
    }
  }
`);

export const EditorTaxonomyQuery = graphql(`
  query EditorTaxonomy {
    categories {
      __typename
      id
      name
      parentId
    }
    tags {
      __typename
      id
      name
    }
  }
`);

export const EditorCreateTagMutation = graphql(`
  mutation EditorCreateTag($input: TagInput!) {
    createTag(input: $input) {
      tag {
        id
        name
      }
    }
  }
`);

export const EditorLiveSlugQuery = graphql(`
  query EditorLiveSlug($contentId: UUID!, $version: Int!) {
    contentVersion(contentId: $contentId, version: $version) {
      __typename
      slug
    }
  }
`);

export const EditorReferenceSearchQuery = graphql(`
  query EditorReferenceSearch($types: [String!], $text: String) {
    contents(first: 20, filter: { types: $types, text: $text }) {
      __typename
      nodes {
        __typename
        id
        title
        status
      }
    }
  }
`);

export const EditorReferenceTitleQuery = graphql(`
  query EditorReferenceTitle($id: UUID!) {
    content(id: $id) {
      __typename
      id
      title
    }
  }
`);

export const EditorCreateContentMutation = graphql(`
  mutation EditorCreateContent($input: CreateContentInput!) {
    createContent(input: $input) {
      __typename
      content {
        __typename
        ...EditorContent
      }
    }
  }
`);

export const EditorUpdateContentMutation = graphql(`
  mutation EditorUpdateContent($input: UpdateContentInput!) {
    updateContent(input: $input) {
      __typename
      content {
        __typename
        ...EditorContent
      }
    }
  }
`);

export const EditorContentDiffQuery = graphql(`
  query EditorContentDiff($contentId: UUID!, $from: Int!, $to: Int!) {
    contentDiff(contentId: $contentId, from: $from, to: $to) {
      __typename
      from
      to
      changes {
        __typename
        path
        before
        after
        words {
          __typename
          op
          value
        }
      }
    }
  }
`);

export const EditorTransitionMutation = graphql(`
  mutation EditorTransition($input: TransitionContentInput!) {
    transitionContent(input: $input) {
      __typename
      content {
        __typename
        ...EditorContent
      }
    }
  }
`);

export const EditorScheduleMutation = graphql(`
  mutation EditorSchedule($input: ScheduleContentInput!) {
    scheduleContent(input: $input) {
      __typename
      content {
        __typename
        ...EditorContent
      }
    }
  }
`);

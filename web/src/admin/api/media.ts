// The media library's operations: files (listed, one by one, with where
// they are used), folders, edits, the trash, and the upload the library and
// the content editor's picker send over XMLHttpRequest (see
// screens/media/upload.ts). Every selection names `__typename`, as in
// api/editor.ts: the server runs the persisted copy of a document.
import { graphql } from '../gql';

/** What a tile, a row or a picked file shows. */
export const MediaSummaryFields = graphql(`
  fragment MediaSummary on Media {
    __typename
    id
    filename
    title
    alt
    caption
    mimeType
    size
    width
    height
    placeholder
    folderId
    createdAt
    updatedAt
    deletedAt
    url
    focalPoint {
      __typename
      x
      y
    }
    variants {
      __typename
      name
      url
      width
      height
    }
    uploadedBy {
      __typename
      id
      displayName
    }
  }
`);

export const MediaItemsQuery = graphql(`
  query MediaItems($filter: MediaItemsFilter, $orderBy: MediaOrder, $first: Int, $after: String) {
    mediaItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      __typename
      nodes {
        __typename
        ...MediaSummary
      }
      pageInfo {
        __typename
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One file, for a picked file's thumbnail. */
export const MediaPreviewQuery = graphql(`
  query MediaPreview($id: UUID!) {
    media(id: $id) {
      __typename
      ...MediaSummary
    }
  }
`);

/** One file with the items that use it, for its details. */
export const MediaDetailQuery = graphql(`
  query MediaDetail($id: UUID!) {
    media(id: $id) {
      __typename
      ...MediaSummary
      usage {
        __typename
        live
        working
        content {
          __typename
          id
          title
          status
          type {
            __typename
            id
            name
          }
        }
      }
    }
  }
`);

export const MediaFoldersQuery = graphql(`
  query MediaFolders {
    mediaFolders {
      __typename
      id
      name
      parentId
    }
  }
`);

export const UploadMediaMutation = graphql(`
  mutation UploadMedia($file: Upload!, $input: UploadMediaInput) {
    uploadMedia(file: $file, input: $input) {
      __typename
      ...MediaSummary
    }
  }
`);

export const UpdateMediaMutation = graphql(`
  mutation UpdateMedia($input: UpdateMediaInput!) {
    updateMedia(input: $input) {
      __typename
      ...MediaSummary
    }
  }
`);

export const MoveMediaMutation = graphql(`
  mutation MoveMedia($input: MoveMediaInput!) {
    moveMedia(input: $input) {
      __typename
      id
      folderId
    }
  }
`);

export const DeleteMediaMutation = graphql(`
  mutation DeleteMedia($input: DeleteMediaInput!) {
    deleteMedia(input: $input) {
      __typename
      id
      deletedAt
    }
  }
`);

export const RestoreMediaMutation = graphql(`
  mutation RestoreMedia($input: MediaIdInput!) {
    restoreMedia(input: $input) {
      __typename
      id
      deletedAt
    }
  }
`);

export const CreateMediaFolderMutation = graphql(`
  mutation CreateMediaFolder($input: CreateMediaFolderInput!) {
    createMediaFolder(input: $input) {
      __typename
      id
      name
      parentId
    }
  }
`);

export const UpdateMediaFolderMutation = graphql(`
  mutation UpdateMediaFolder($input: UpdateMediaFolderInput!) {
    updateMediaFolder(input: $input) {
      __typename
      id
      name
      parentId
    }
  }
`);

export const DeleteMediaFolderMutation = graphql(`
  mutation DeleteMediaFolder($input: MediaIdInput!) {
    deleteMediaFolder(input: $input) {
      __typename
      id
    }
  }
`);

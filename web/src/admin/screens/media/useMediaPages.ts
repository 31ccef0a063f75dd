// The library's files a page at a time, for the library screen and the
// picker alike: "Load more" appends the next page to what is shown.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';

import { MediaItemsQuery } from '../../api/media';
import type { MediaItemsQueryVariables } from '../../gql/graphql';

export function useMediaPages(variables: MediaItemsQueryVariables) {
  const list = useQuery(MediaItemsQuery, { variables });
  const pageInfo = list.data?.mediaItems.pageInfo;
  const [loadingMore, setLoadingMore] = useState(false);

  const loadMore = () => {
    if (!pageInfo?.endCursor) return;
    setLoadingMore(true);
    void list
      .fetchMore({
        variables: { after: pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...fetchMoreResult,
          mediaItems: {
            ...fetchMoreResult.mediaItems,
            nodes: [...(previous?.mediaItems.nodes ?? []), ...fetchMoreResult.mediaItems.nodes],
          },
        }),
      })
      .catch(() => undefined)
      .finally(() => setLoadingMore(false));
  };

  return { list, pageInfo, loadingMore, loadMore };
}

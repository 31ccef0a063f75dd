// One of the dashboard's item lists (my drafts, the review queue, upcoming
// publications): a card with its own loading, empty and error states.
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { DashboardItemsQuery } from '../../api/dashboard';
import { errorMessage } from '../../api/errors';
import type { ContentFilterInput, DashboardItemsQuery as Data } from '../../gql/graphql';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { statusLabel } from '../../ui/status';

export type Item = Data['contents']['nodes'][number];

export interface ItemsCardProps {
  id: string;
  title: string;
  filter: ContentFilterInput;
  /** How many items to show. */
  first?: number;
  emptyTitle: string;
  emptyBody?: ReactNode;
  /** Put the items in order (the API cannot sort by schedule). */
  sort?: (items: Item[]) => Item[];
  /** How many of the (sorted) items to show; all fetched by default. */
  show?: number;
  /** What to show under an item's title. */
  detail(item: Item): ReactNode;
}

export function ItemsCard({
  id,
  title,
  filter,
  first = 8,
  emptyTitle,
  emptyBody,
  sort,
  show,
  detail,
}: ItemsCardProps) {
  const { data, error, loading, refetch } = useQuery(DashboardItemsQuery, {
    variables: { filter, first, orderBy: { field: 'UPDATED_AT', direction: 'DESC' } },
  });
  const nodes = data?.contents.nodes ?? [];
  const items = (sort ? sort([...nodes]) : nodes).slice(0, show ?? nodes.length);
  let body: ReactNode;
  if (!data && loading) body = <Skeleton lines={4} label={`Loading ${title.toLowerCase()}`} />;
  else if (error && !data)
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  else if (items.length === 0) body = <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>;
  else
    body = (
      <ul className="dash-list">
        {items.map((item) => (
          <li key={item.id} className="dash-item">
            <Link to={`/admin/items/${item.id}`} className="dash-item-title">
              {item.title.trim() || 'Untitled'}
            </Link>
            <span className="dash-item-meta">
              <span className="badge" data-status={item.status}>
                {statusLabel(item.status)}
              </span>{' '}
              {item.type.name} · {detail(item)}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <section
      className="card dash-card"
      aria-labelledby={`${id}-title`}
      aria-busy={!data && loading}
    >
      <h2 id={`${id}-title`} className="dash-card-title">
        {title}
      </h2>
      {body}
    </section>
  );
}

// What each column shows for a row.
import { memo } from 'react';

import { Link } from 'react-router';
import type { ColumnId } from './columns';
import type { Row } from './live';
import { formatDateTime, humanize } from './text';

export type CellColumn = 'title' | ColumnId;

export const StatusBadge = memo(function StatusBadge({ row }: { row: Row }) {
  return (
    <span className="list-status">
      <span className={`badge list-badge status-${row.status.toLowerCase()}`}>
        {humanize(row.status)}
      </span>
      {row.isLive && row.status !== 'PUBLISHED' ? (
        <span className="badge list-badge status-live">Live</span>
      ) : null}
      {row.publishAt || row.unpublishAt ? (
        <span
          className="list-scheduled"
          title={
            row.publishAt
              ? `Publishes ${formatDateTime(row.publishAt)}`
              : `Unpublishes ${formatDateTime(row.unpublishAt)}`
          }
        >
          Scheduled
        </span>
      ) : null}
    </span>
  );
});

export function cellContent(column: CellColumn, row: Row) {
  switch (column) {
    case 'title':
      return (
        // A plain router link: 50 of them render much faster than React
        // Aria's Link, and the table's grid navigation reaches it alike.
        <Link to={`/admin/items/${row.id}`} className="link">
          {row.title.trim() || <em className="list-muted">Untitled</em>}
        </Link>
      );
    case 'status':
      return <StatusBadge row={row} />;
    case 'type':
      return row.type.name;
    case 'author':
      return row.author?.displayName ?? <span className="list-muted">—</span>;
    case 'category':
      return row.category?.name ?? <span className="list-muted">—</span>;
    case 'tags':
      return row.tags.length ? (
        <span className="list-tags">{row.tags.map((t) => t.name).join(', ')}</span>
      ) : (
        <span className="list-muted">—</span>
      );
    case 'updated':
      return formatDateTime(row.updatedAt);
    case 'published':
      return formatDateTime(row.publishedAt);
    case 'created':
      return formatDateTime(row.createdAt);
    case 'version':
      return row.workingVersion !== null && row.workingVersion !== row.version
        ? `v${row.version} (working v${row.workingVersion})`
        : `v${row.version}`;
  }
}

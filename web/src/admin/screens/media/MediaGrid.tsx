// Files as tiles (a keyboard-navigable grid, with selection in the picker)
// or as rows of a table with their details; both open a file on Enter or a
// click.
import { useState, type ReactNode } from 'react';
import {
  Cell,
  Checkbox,
  Column,
  GridList,
  GridListItem,
  Row,
  Table,
  TableBody,
  TableHeader,
  type Key,
  type Selection,
} from 'react-aria-components';

import type { MediaSummaryFragment } from '../../gql/graphql';
import { RelativeTime } from '../../ui/Time';
import { displayName, formatBytes, kindLabel, placeholderColor, thumbnailUrl } from './format';

type Media = MediaSummaryFragment;

/** A small square picture of a file, or its kind for files that are not images. */
export function MediaThumb({ media, className = '' }: { media: Media; className?: string }) {
  // The server does not serve a trashed file's bytes.
  const src = media.deletedAt ? undefined : thumbnailUrl(media);
  // A picture that fails to load (a file trashed meanwhile) shows its kind.
  const [broken, setBroken] = useState(false);
  return (
    <div
      className={`media-thumb ${className}`}
      style={{ backgroundColor: src && !broken ? placeholderColor(media.placeholder) : undefined }}
    >
      {src && !broken ? (
        <img src={src} alt="" loading="lazy" decoding="async" onError={() => setBroken(true)} />
      ) : (
        <span className="media-thumb-kind">{kindLabel(media.mimeType)}</span>
      )}
    </div>
  );
}

function Checkmark() {
  return (
    <Checkbox slot="selection" className="media-tile-check">
      {({ isSelected }) => (
        <span className="media-tile-box" aria-hidden="true">
          {isSelected ? '✓' : ''}
        </span>
      )}
    </Checkbox>
  );
}

export function MediaGrid({
  items,
  label,
  onOpen,
  selectionMode = 'none',
  selected,
  onSelectionChange,
  empty,
}: {
  items: readonly Media[];
  label: string;
  /** Opens a file (Enter, or a click when nothing is selectable). */
  onOpen?: (id: string) => void;
  selectionMode?: 'none' | 'single' | 'multiple';
  selected?: readonly string[];
  onSelectionChange?: (ids: string[]) => void;
  empty: ReactNode;
}) {
  return (
    <GridList
      aria-label={label}
      className="media-grid"
      layout="grid"
      items={items}
      selectionMode={selectionMode}
      selectedKeys={selected ? new Set<Key>(selected) : undefined}
      onSelectionChange={(keys: Selection) => {
        if (!onSelectionChange) return;
        onSelectionChange(keys === 'all' ? items.map((m) => m.id) : [...keys].map(String));
      }}
      onAction={onOpen ? (key) => onOpen(String(key)) : undefined}
      renderEmptyState={() => empty}
    >
      {(media) => (
        <GridListItem id={media.id} textValue={displayName(media)} className="media-tile">
          {selectionMode === 'multiple' ? <Checkmark /> : null}
          <MediaThumb media={media} />
          <span className="media-tile-name" title={media.filename}>
            {displayName(media)}
          </span>
          <span className="media-tile-meta">
            {kindLabel(media.mimeType)} · {formatBytes(media.size)}
          </span>
          {media.alt.trim() === '' && media.mimeType.startsWith('image/') && !media.deletedAt ? (
            <span className="media-tile-meta media-tile-flag">No alt text</span>
          ) : null}
        </GridListItem>
      )}
    </GridList>
  );
}

function dimensions(media: Media): string {
  return media.width && media.height ? `${media.width} × ${media.height}` : '—';
}

export function MediaTable({
  items,
  label,
  onOpen,
  empty,
}: {
  items: readonly Media[];
  label: string;
  onOpen(id: string): void;
  empty: ReactNode;
}) {
  return (
    <Table aria-label={label} className="table media-table" onRowAction={(key) => onOpen(String(key))}>
      <TableHeader>
        <Column isRowHeader>Name</Column>
        <Column>Type</Column>
        <Column>Size</Column>
        <Column>Dimensions</Column>
        <Column>Alt text</Column>
        <Column>Uploaded</Column>
      </TableHeader>
      <TableBody items={items} renderEmptyState={() => empty}>
        {(media) => (
          <Row id={media.id} className="media-row">
            <Cell>
              <span className="media-row-name">
                <MediaThumb media={media} className="media-thumb-small" />
                <span>
                  {displayName(media)}
                  {media.title.trim() ? <span className="media-row-file"> {media.filename}</span> : null}
                </span>
              </span>
            </Cell>
            <Cell>{kindLabel(media.mimeType)}</Cell>
            <Cell>{formatBytes(media.size)}</Cell>
            <Cell>{dimensions(media)}</Cell>
            <Cell>{media.alt.trim() || <span className="media-muted">—</span>}</Cell>
            <Cell>
              {media.deletedAt ? (
                <>
                  Trashed <RelativeTime iso={media.deletedAt} />
                </>
              ) : (
                <>
                  <RelativeTime iso={media.createdAt} />
                  {media.uploadedBy ? ` by ${media.uploadedBy.displayName}` : ''}
                </>
              )}
            </Cell>
          </Row>
        )}
      </TableBody>
    </Table>
  );
}

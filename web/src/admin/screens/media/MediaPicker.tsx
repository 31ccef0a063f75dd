// The media picker: a dialog over the content editor listing the library
// (only the types a field takes), with search and an upload button. Files
// uploaded here are chosen at once; "Choose" hands the chosen ids back.
import '../../styles/media.css';

import { useState } from 'react';
import { DropZone } from 'react-aria-components';

import { errorMessage } from '../../api/errors';
import type { MediaSummaryFragment } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { MediaSearch } from './MediaFilters';
import { MediaGrid } from './MediaGrid';
import { acceptsType } from './upload';
import { UploadButton, UploadQueue } from './UploadQueue';
import { useMediaPages } from './useMediaPages';
import { droppedFiles, useUploads } from './useUploads';

const PAGE_SIZE = 30;

export interface MediaPickerProps {
  /** The field's name, for the title. */
  label: string;
  /** The types the field takes (`image/*`); empty takes any. */
  mediaTypes: readonly string[];
  multiple: boolean;
  /** The ids chosen now. */
  initial: readonly string[];
  /** The chosen ids, and what is known of them. */
  onChoose(ids: string[], known: readonly MediaSummaryFragment[]): void;
  onClose(): void;
}

export function MediaPicker({ label, mediaTypes, multiple, initial, onChoose, onClose }: MediaPickerProps) {
  const { can } = useSession();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string[]>(() => [...initial]);
  const [uploaded, setUploaded] = useState<MediaSummaryFragment[]>([]);
  const { list, pageInfo, loadingMore, loadMore } = useMediaPages({
    filter: { text: text.trim() || null, mimeTypes: mediaTypes.length > 0 ? [...mediaTypes] : null },
    first: PAGE_SIZE,
  });
  const nodes = list.data?.mediaItems.nodes ?? [];
  // Files uploaded here show first, before the list is fetched again (by
  // file name while searching: close enough to the server's search).
  const needle = text.trim().toLowerCase();
  const fresh = uploaded.filter(
    (u) => !nodes.some((n) => n.id === u.id) && u.filename.toLowerCase().includes(needle),
  );
  const items = [...fresh, ...nodes];

  const uploads = useUploads({
    accept: mediaTypes,
    onUploaded: (media) => {
      // The server reads the type from the bytes: a file that turns out
      // to be of another type stays in the library, unchosen.
      if (!acceptsType(mediaTypes, media.mimeType)) {
        throw new Error(`it is ${media.mimeType}, which this field does not take`);
      }
      setUploaded((all) => [media, ...all]);
      setSelected((ids) => (multiple ? [...ids.filter((id) => id !== media.id), media.id] : [media.id]));
    },
  });

  const canUpload = can('media.upload');
  const types = mediaTypes.length > 0 ? mediaTypes.join(', ') : undefined;
  let results;
  if (!list.data && list.loading) {
    results = <Skeleton lines={4} label="Loading the library" />;
  } else if (list.error && !list.data) {
    results = <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />;
  } else {
    results = (
      <MediaGrid
        items={items}
        label="Library files"
        selectionMode={multiple ? 'multiple' : 'single'}
        selected={selected}
        onSelectionChange={setSelected}
        empty={
          <EmptyState title={text ? 'No files match this search.' : 'The library has no files of these types yet.'}>
            {canUpload ? 'Upload one to use it here.' : null}
          </EmptyState>
        }
      />
    );
  }

  const known = items.filter((m) => selected.includes(m.id));
  return (
    <Dialog
      title={multiple ? `Choose files for “${label}”` : `Choose a file for “${label}”`}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      wide
    >
      <div className="media-picker">
        <div className="media-picker-bar">
          <MediaSearch value={text} onChange={setText} label="Search the library" />
          {canUpload ? (
            <UploadButton
              onFiles={(files) => uploads.add(multiple ? files : files.slice(0, 1))}
              accept={mediaTypes}
              multiple={multiple}
              label={multiple ? 'Upload files' : 'Upload a file'}
              variant="secondary"
            />
          ) : null}
        </div>
        {types ? <p className="field-description">This field takes {types} files.</p> : null}
        <UploadQueue uploads={uploads} />
        <DropZone
          className="media-drop media-picker-results"
          isDisabled={!canUpload}
          aria-label="Drop files to upload them"
          onDrop={(event) => {
            void droppedFiles(event.items).then((files) => uploads.add(multiple ? files : files.slice(0, 1)));
          }}
        >
          <div aria-busy={list.loading}>{results}</div>
        </DropZone>
        {pageInfo?.hasNextPage ? (
          <div className="media-more">
            <Button size="sm" onPress={loadMore} isPending={loadingMore}>
              Load more files
            </Button>
          </div>
        ) : null}
      </div>
      <div className="dialog-actions">
        <span className="media-picker-count" role="status">
          {selected.length === 0
            ? 'Nothing chosen'
            : multiple
              ? `${selected.length} chosen`
              : `Chosen: ${known[0]?.filename ?? '1 file'}`}
        </span>
        <Button onPress={onClose}>Cancel</Button>
        <Button
          variant="primary"
          isDisabled={uploads.busy || (selected.length === 0 && initial.length === 0)}
          onPress={() => onChoose(selected, known)}
        >
          {multiple ? 'Use these files' : 'Use this file'}
        </Button>
      </div>
    </Dialog>
  );
}

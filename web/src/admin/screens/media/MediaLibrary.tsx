// The media library (`/admin/media`): files by folder as a grid or a list,
// filtered and searched; uploads by drag and drop or the file chooser, each
// file with its progress and the server's verdict; folders; a file's details
// (alt text, focal point, usage, trash) in a dialog whose file is in the URL.
import '../../styles/media.css';

import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { DropZone } from 'react-aria-components';

import { errorMessage } from '../../api/errors';
import { MediaFoldersQuery, MoveMediaMutation } from '../../api/media';
import type { MediaSummaryFragment } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States';
import { plural } from './format';
import { FolderNav, folderPath, type Folder } from './FolderNav';
import { MediaDetails, TrashedFile } from './MediaDetails';
import { MediaFilters } from './MediaFilters';
import { MediaGrid, MediaTable } from './MediaGrid';
import { toFilter, useLibraryView, type LibraryView } from './params';
import { UploadButton, UploadQueue } from './UploadQueue';
import { useMediaPages } from './useMediaPages';
import { droppedFiles, useUploads } from './useUploads';

const PAGE_SIZE = 40;
/** Uploads finishing close together refresh the list once. */
const REFRESH_DELAY_MS = 400;

function scopeName(view: LibraryView, folders: readonly Folder[]): string {
  if (view.trash) return 'Trash';
  if (view.folder === 'all') return 'All files';
  if (view.folder === 'top') return 'Not in a folder';
  return folderPath(folders, view.folder) || 'Folder';
}

/** A trashed file of the list on screen; one not (or no longer) there closes. */
function TrashedDialog({
  media,
  loading,
  onClose,
  onChanged,
}: {
  media: MediaSummaryFragment | undefined;
  loading: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  useEffect(() => {
    if (!media && !loading) onClose();
  }, [media, loading, onClose]);
  return media ? <TrashedFile media={media} onClose={onClose} onChanged={onChanged} /> : null;
}

export default function MediaLibrary() {
  const { can } = useSession();
  const [view, change] = useLibraryView();
  const canUpload = can('media.upload');
  // Folders are listed to those who see the whole library.
  const canBrowse = can('media.read_any');
  const foldersQuery = useQuery(MediaFoldersQuery, { skip: !canBrowse });
  const folders = foldersQuery.data?.mediaFolders ?? [];

  const filter = useMemo(() => toFilter(view), [view]);
  const { list, pageInfo, loadingMore, loadMore } = useMediaPages({
    filter,
    orderBy: view.order,
    first: PAGE_SIZE,
  });
  const items = list.data?.mediaItems.nodes ?? [];

  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refetchList = list.refetch;
  const refreshSoon = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void refetchList().catch(() => undefined), REFRESH_DELAY_MS);
  }, [refetchList]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const [move] = useMutation(MoveMediaMutation);
  const uploads = useUploads({ onUploaded: refreshSoon });
  // New files land in the folder on screen when they were chosen.
  const upload = (files: File[]) => {
    const folderId = !view.trash && view.folder !== 'all' && view.folder !== 'top' ? view.folder : null;
    uploads.add(
      files,
      folderId
        ? async (media: MediaSummaryFragment) => {
            await move({ variables: { input: { ids: [media.id], folderId } } });
          }
        : undefined,
    );
  };
  const canDrop = canUpload && !view.trash;

  const filtered = view.text !== '' || view.family !== null || view.unused;
  const empty = view.trash ? (
    <EmptyState title="The trash is empty." />
  ) : filtered ? (
    <EmptyState title="No files match these filters.">
      <Button size="sm" onPress={() => change({ text: '', family: null, unused: false })}>
        Clear filters
      </Button>
    </EmptyState>
  ) : (
    <EmptyState title={view.folder === 'all' ? 'No files yet.' : 'No files here yet.'}>
      {canDrop ? 'Drop files here, or choose them with “Upload files”.' : null}
    </EmptyState>
  );

  const open = (file: string) => change({ file });
  let results;
  if (!list.data && list.loading) {
    results = <Skeleton lines={6} label="Loading files" />;
  } else if (list.error && !list.data) {
    results = <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />;
  } else if (view.layout === 'list') {
    results = <MediaTable items={items} label="Files" onOpen={open} empty={empty} />;
  } else {
    results = <MediaGrid items={items} label="Files" onOpen={open} empty={empty} />;
  }

  const name = scopeName(view, folders);
  const shown = plural(items.length, 'file');
  const count = items.length === 0 ? '' : pageInfo?.hasNextPage ? `more than ${shown}` : shown;
  return (
    <Page
      title="Media library"
      subtitle={count ? `${name} · ${count}` : name}
      actions={canDrop ? <UploadButton onFiles={upload} /> : null}
    >
      <div className={`media-layout${canBrowse ? '' : ' media-layout-single'}`}>
        {canBrowse ? (
          <FolderNav
            view={view}
            folders={folders}
            canManage={can('media.update_any')}
            onNavigate={(folder) => change({ folder, trash: false, file: null })}
          />
        ) : null}
        <div className="media-main">
          <MediaFilters view={view} onChange={change} />
          <UploadQueue uploads={uploads} />
          <DropZone
            className="media-drop"
            isDisabled={!canDrop}
            aria-label={`Drop files to upload them to ${name}`}
            onDrop={(event) => void droppedFiles(event.items).then((files) => files.length > 0 && upload(files))}
          >
            <div aria-busy={list.loading}>{results}</div>
            {canDrop && items.length > 0 ? (
              <p className="media-drop-hint">Drop files anywhere here to upload them to {name}.</p>
            ) : null}
          </DropZone>
          {pageInfo?.hasNextPage ? (
            <div className="media-more">
              <Button onPress={loadMore} isPending={loadingMore}>
                Load more files
              </Button>
            </div>
          ) : null}
        </div>
      </div>
      {view.file && view.trash ? (
        <TrashedDialog
          media={items.find((m) => m.id === view.file)}
          loading={list.loading}
          onClose={() => change({ file: null })}
          onChanged={refreshSoon}
        />
      ) : view.file ? (
        <MediaDetails
          id={view.file}
          folders={folders}
          onClose={() => change({ file: null })}
          onChanged={refreshSoon}
        />
      ) : null}
    </Page>
  );
}

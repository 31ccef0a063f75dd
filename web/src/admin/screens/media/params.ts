// The library's view lives in the URL (`?folder=…&type=image&q=cat&file=…`),
// so it can be linked to and back/forward step through it.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

import type { MediaItemsFilter, MediaOrder } from '../../gql/graphql';
import { FAMILIES, isFamily, type Family } from './format';

/** All files, the top level only, or one folder. */
export type FolderScope = 'all' | 'top' | string;

export interface LibraryView {
  text: string;
  family: Family | null;
  folder: FolderScope;
  unused: boolean;
  trash: boolean;
  order: MediaOrder;
  layout: 'grid' | 'list';
  /** The file whose details are open. */
  file: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readView(params: URLSearchParams): LibraryView {
  const folder = params.get('folder');
  const family = params.get('type');
  const file = params.get('file');
  return {
    text: params.get('q') ?? '',
    family: isFamily(family) ? family : null,
    folder: folder === 'top' || (folder !== null && UUID.test(folder)) ? folder : 'all',
    unused: params.get('unused') === '1',
    trash: params.get('trash') === '1',
    order: params.get('order') === 'oldest' ? 'OLDEST' : 'NEWEST',
    layout: params.get('view') === 'list' ? 'list' : 'grid',
    file: file !== null && UUID.test(file) ? file : null,
  };
}

/** The URL of a view: only what differs from the defaults. */
export function writeView(view: LibraryView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.folder !== 'all' && !view.trash) params.set('folder', view.folder);
  if (view.trash) params.set('trash', '1');
  if (view.text) params.set('q', view.text);
  if (view.family) params.set('type', view.family);
  if (view.unused) params.set('unused', '1');
  if (view.order === 'OLDEST') params.set('order', 'oldest');
  if (view.layout === 'list') params.set('view', 'list');
  if (view.file) params.set('file', view.file);
  return params;
}

/**
 * The API's filter for a view. `folder` is left out for every folder, and
 * null (not absent) for the top level: the API tells the two apart.
 */
export function toFilter(view: LibraryView): MediaItemsFilter {
  const filter: MediaItemsFilter = {};
  if (view.text.trim()) filter.text = view.text.trim();
  if (view.family) filter.mimeTypes = [...(FAMILIES.find((f) => f.id === view.family)?.mimeTypes ?? [])];
  if (view.trash) {
    filter.trashed = true;
  } else if (view.folder === 'top') {
    filter.folder = null;
  } else if (view.folder !== 'all') {
    filter.folder = view.folder;
  }
  if (view.unused) filter.unused = true;
  return filter;
}

/** The view in the URL, and a way to change it (replacing the entry for typing). */
export function useLibraryView(): [LibraryView, (patch: Partial<LibraryView>, replace?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const change = useCallback(
    (patch: Partial<LibraryView>, replace = false) =>
      setParams((current) => writeView({ ...readView(current), ...patch }), { replace }),
    [setParams],
  );
  return [view, change];
}

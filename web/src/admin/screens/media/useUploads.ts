// A queue of files being uploaded, a few at a time, each with its own
// progress and its own outcome: the library and the picker show the same.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isFileDropItem, type DropItem } from 'react-aria-components';

import { errorMessage } from '../../api/errors';
import type { MediaSummaryFragment } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { acceptsType, uploadFile, UploadError } from './upload';

/** Files sent at once: enough to keep the line busy, few enough for each to show progress. */
const CONCURRENCY = 2;

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed';

export interface UploadEntry {
  key: string;
  file: File;
  /** A local picture of an image being sent (a `blob:` URL). */
  preview: string | undefined;
  status: UploadStatus;
  /** 0 to 1. */
  progress: number;
  /** Why it failed, or what went wrong after it was uploaded. */
  message: string | undefined;
  /** What this file's batch does once it is uploaded (see `add`). */
  after: AfterUpload | undefined;
}

type AfterUpload = (media: MediaSummaryFragment) => Promise<void> | void;

export interface UploadsOptions {
  /** The types taken (`image/*`); a file of another known type is refused before sending. */
  accept?: readonly string[];
  /**
   * Runs after each upload (moving the file to a folder, choosing it). A
   * failure is shown on the file, which stays uploaded.
   */
  onUploaded?: AfterUpload;
}

export interface Uploads {
  entries: readonly UploadEntry[];
  /** Queues files; `after` runs for each once it is uploaded (before `onUploaded`). */
  add(files: readonly File[], after?: AfterUpload): void;
  dismiss(key: string): void;
  /** Forgets the files that are done or failed. */
  clearFinished(): void;
  /** Whether any file is still waiting or being sent. */
  busy: boolean;
}

let counter = 0;

function reason(error: unknown): string {
  return error instanceof UploadError ? error.message : errorMessage(error);
}

export function useUploads({ accept, onUploaded }: UploadsOptions = {}): Uploads {
  const { client } = useSession();
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const started = useRef(new Set<string>());
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Set<string>());
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;

  const update = useCallback((key: string, patch: Partial<UploadEntry>) => {
    setEntries((all) => all.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  }, []);

  const start = useCallback(
    (entry: UploadEntry) => {
      started.current.add(entry.key);
      const controller = new AbortController();
      controllers.current.set(entry.key, controller);
      update(entry.key, { status: 'uploading' });
      void uploadFile(entry.file, {
        onProgress: (progress) => update(entry.key, { progress }),
        signal: controller.signal,
        refresh: client.refresh,
      })
        .then(async (media) => {
          update(entry.key, { status: 'done', progress: 1 });
          for (const then of [entry.after, onUploadedRef.current]) {
            try {
              await then?.(media);
            } catch (error) {
              update(entry.key, { message: `Uploaded, but ${reason(error)}` });
            }
          }
        })
        .catch((error: unknown) => update(entry.key, { status: 'failed', message: reason(error) }))
        .finally(() => controllers.current.delete(entry.key));
    },
    [client, update],
  );

  // Starts waiting files while fewer than CONCURRENCY are on their way.
  useEffect(() => {
    const sending = entries.filter((e) => e.status === 'uploading').length;
    const next = entries
      .filter((e) => e.status === 'waiting' && !started.current.has(e.key))
      .slice(0, Math.max(0, CONCURRENCY - sending));
    next.forEach(start);
  }, [entries, start]);

  // Leaving the screen cancels what is still being sent and frees previews.
  useEffect(() => {
    const live = controllers.current;
    const urls = previews.current;
    return () => {
      live.forEach((controller) => controller.abort());
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, []);

  const add = useCallback(
    (files: readonly File[], afterEach?: AfterUpload) => {
      const added = files.map((file): UploadEntry => {
        counter += 1;
        const refused = accept && file.type !== '' && !acceptsType(accept, file.type);
        let preview: string | undefined;
        if (!refused && file.type.startsWith('image/')) {
          preview = URL.createObjectURL(file);
          previews.current.add(preview);
        }
        return {
          key: `upload-${counter}`,
          file,
          preview,
          status: refused ? 'failed' : 'waiting',
          progress: 0,
          message: refused
            ? `${file.type} files cannot be used here (only ${accept.join(', ')}).`
            : undefined,
          after: afterEach,
        };
      });
      setEntries((all) => [...all, ...added]);
    },
    [accept],
  );

  const forget = useCallback((keep: (e: UploadEntry) => boolean) => {
    setEntries((all) => {
      for (const e of all) {
        if (keep(e) || !e.preview) continue;
        URL.revokeObjectURL(e.preview);
        previews.current.delete(e.preview);
      }
      return all.filter(keep);
    });
  }, []);

  const dismiss = useCallback(
    (key: string) => {
      controllers.current.get(key)?.abort();
      forget((e) => e.key !== key);
    },
    [forget],
  );

  const clearFinished = useCallback(
    () => forget((e) => e.status === 'waiting' || e.status === 'uploading'),
    [forget],
  );

  return {
    entries,
    add,
    dismiss,
    clearFinished,
    busy: entries.some((e) => e.status === 'waiting' || e.status === 'uploading'),
  };
}

/** The files of a drop (a dropped folder is skipped: its files are not listed). */
export function droppedFiles(items: readonly DropItem[]): Promise<File[]> {
  return Promise.all(items.filter(isFileDropItem).map((item) => item.getFile()));
}

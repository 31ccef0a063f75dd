// One file's details, in a dialog over the library: its picture with the
// focal point, its description (title, alt text, caption), its folder, the
// items that use it, and the trash. Those who may not change the file (an
// author looking at someone else's) see it all read-only.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';

import { errorCode, errorMessage, fieldErrors } from '../../api/errors';
import {
  DeleteMediaMutation,
  MediaDetailQuery,
  MoveMediaMutation,
  RestoreMediaMutation,
  UpdateMediaMutation,
} from '../../api/media';
import type { MediaDetailQuery as Detail, MediaSummaryFragment } from '../../gql/graphql';
import { useSession } from '../../session/session';
import { Button, TextLink } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Select } from '../../ui/Select';
import { EmptyState, ErrorState, Notice, Skeleton } from '../../ui/States';
import { formatAbsolute } from '../../ui/Time';
import { statusLabel } from '../../ui/status';
import { FocalPointEditor, type Point } from './FocalPoint';
import { folderPath, type Folder } from './FolderNav';
import { displayName, formatBytes, isImage, kindLabel, plural } from './format';

type Media = NonNullable<Detail['media']>;

/** Whether the signed-in user may change this file (their own, or any as an editor). */
export function useCanEdit(media: Pick<Media, 'uploadedBy'> | undefined): boolean {
  const { can, me } = useSession();
  if (!media) return false;
  return (
    can('media.update_any') ||
    (can('media.update_own') && media.uploadedBy !== null && media.uploadedBy.id === me?.id)
  );
}

export function MediaDetails({
  id,
  folders,
  onClose,
  onChanged,
}: {
  id: string;
  /** Every folder (empty for callers who may not list them). */
  folders: readonly Folder[];
  onClose(): void;
  /** The file moved, went to the trash or came back: lists showing it are stale. */
  onChanged(): void;
}) {
  const { data, loading, error, refetch } = useQuery(MediaDetailQuery, { variables: { id } });
  const media = data?.media ?? undefined;
  let body;
  if (media) {
    body = (
      <Details key={media.id} media={media} folders={folders} onClose={onClose} onChanged={onChanged} />
    );
  } else if (loading) {
    body = <Skeleton lines={6} label="Loading the file" />;
  } else if (error) {
    body = <ErrorState message={errorMessage(error)} onRetry={() => void refetch()} />;
  } else {
    body = <EmptyState title="This file does not exist, is in the trash, or you may not see it." />;
  }
  return (
    <Dialog
      title={media ? displayName(media) : 'File details'}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      wide
    >
      {body}
      {!media ? (
        <div className="dialog-actions">
          <Button onPress={onClose}>Close</Button>
        </div>
      ) : null}
    </Dialog>
  );
}

function Usage({ media }: { media: Media }) {
  const { usage } = media;
  return (
    <section className="media-usage" aria-labelledby="media-usage-title">
      <h3 id="media-usage-title">Usage</h3>
      {usage.length === 0 ? (
        <p className="media-muted">Not used by any item.</p>
      ) : (
        <>
          <p>Used in {usage.length >= 100 ? 'at least 100 items' : plural(usage.length, 'item')}</p>
          <ul className="media-usage-list">
            {usage.map((use) => (
              <li key={use.content.id}>
                <TextLink href={`/admin/items/${use.content.id}`}>
                  {use.content.title.trim() || 'Untitled'}
                </TextLink>{' '}
                <span className="media-muted">
                  {use.content.type.name} · {statusLabel(use.content.status)}
                  {use.live ? ' · live' : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Facts({ media }: { media: MediaSummaryFragment }) {
  return (
    <dl className="media-facts">
      <dt>File</dt>
      <dd>
        {media.deletedAt ? (
          media.filename
        ) : (
          <a href={media.url} target="_blank" rel="noreferrer">
            {media.filename}
          </a>
        )}
      </dd>
      <dt>Type</dt>
      <dd>
        {kindLabel(media.mimeType)} <span className="media-muted">({media.mimeType})</span>
      </dd>
      <dt>Size</dt>
      <dd>
        {formatBytes(media.size)}
        {media.width && media.height ? ` · ${media.width} × ${media.height} pixels` : ''}
      </dd>
      <dt>Uploaded</dt>
      <dd>
        {formatAbsolute(media.createdAt)}
        {media.uploadedBy ? ` by ${media.uploadedBy.displayName}` : ''}
      </dd>
      {media.deletedAt ? (
        <>
          <dt>Trashed</dt>
          <dd>{formatAbsolute(media.deletedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The API keeps points as 32-bit floats: what comes back differs in far decimals. */
const samePoint = (a: Point | null, b: Point | null) =>
  a === b ||
  (a !== null && b !== null && Math.abs(a.x - b.x) < 1e-4 && Math.abs(a.y - b.y) < 1e-4);

function Details({
  media,
  folders,
  onClose,
  onChanged,
}: {
  media: Media;
  folders: readonly Folder[];
  onClose(): void;
  onChanged(): void;
}) {
  const canEdit = useCanEdit(media);
  const saved = {
    title: media.title,
    alt: media.alt,
    caption: media.caption,
    focal: media.focalPoint ? { x: media.focalPoint.x, y: media.focalPoint.y } : null,
    folderId: media.folderId,
  };
  const [form, setForm] = useState(saved);
  const [done, setDone] = useState(false);
  const [confirmTrash, setConfirmTrash] = useState(false);
  const [update, updated] = useMutation(UpdateMediaMutation);
  const [move, moved] = useMutation(MoveMediaMutation);
  const [trash, trashed] = useMutation(DeleteMediaMutation);

  const described =
    form.title !== saved.title ||
    form.alt !== saved.alt ||
    form.caption !== saved.caption ||
    !samePoint(form.focal, saved.focal);
  const folderChanged = form.folderId !== saved.folderId;
  const dirty = described || folderChanged;
  const change = (patch: Partial<typeof form>) => {
    setDone(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  const saveError = updated.error ?? moved.error;
  const errors = fieldErrors(saveError);

  const save = async () => {
    try {
      if (described) {
        await update({
          variables: {
            input: {
              id: media.id,
              title: form.title,
              alt: form.alt,
              caption: form.caption,
              // Absent leaves the point alone; null clears it.
              ...(samePoint(form.focal, saved.focal) ? {} : { focalPoint: form.focal }),
            },
          },
        });
      }
      if (folderChanged) {
        await move({ variables: { input: { ids: [media.id], folderId: form.folderId } } });
        onChanged();
      }
      setDone(true);
    } catch {
      // The error is shown from the mutation's state.
    }
  };

  const toTrash = (force: boolean) => {
    void trash({ variables: { input: { id: media.id, force } } })
      .then(() => {
        onChanged();
        onClose();
      })
      .catch((error: unknown) => {
        // Items started using it since the details loaded: ask again.
        if (errorCode(error) === 'CONFLICT') setConfirmTrash(true);
      });
  };

  const folderItems = folders
    .map((f) => ({ id: f.id, name: folderPath(folders, f.id) }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="media-details">
      <div className="media-details-preview">
        {isImage(media) ? (
          <FocalPointEditor
            media={media}
            value={form.focal}
            onChange={(focal) => change({ focal })}
            isReadOnly={!canEdit}
          />
        ) : (
          <div className="media-details-kind">{kindLabel(media.mimeType)}</div>
        )}
        <Facts media={media} />
      </div>
      <div className="media-details-side">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {isImage(media) ? (
            <TextField
              label="Alt text"
              description="What the image shows, for people who cannot see it. Leave empty only for decoration."
              value={form.alt}
              onChange={(alt) => change({ alt })}
              isReadOnly={!canEdit}
              maxLength={1000}
              multiline
              rows={2}
              error={errors.alt}
            />
          ) : null}
          <TextField
            label="Title"
            value={form.title}
            onChange={(title) => change({ title })}
            isReadOnly={!canEdit}
            maxLength={500}
            error={errors.title}
          />
          <TextField
            label="Caption"
            value={form.caption}
            onChange={(caption) => change({ caption })}
            isReadOnly={!canEdit}
            maxLength={5000}
            multiline
            rows={2}
            error={errors.caption}
          />
          {canEdit && folders.length > 0 ? (
            <Select
              label="Folder"
              items={folderItems}
              value={form.folderId}
              onChange={(key) => change({ folderId: key === null ? null : String(key) })}
              noneLabel="Not in a folder"
              error={errors.folderId}
              buttonClassName="input media-select"
            />
          ) : null}
          {errors.focalPoint ? <p className="field-error">{errors.focalPoint}</p> : null}
          <FormErrorBanner error={saveError} fields={['alt', 'title', 'caption', 'folderId', 'focalPoint']} />
          {done && !dirty ? <Notice tone="success">Saved.</Notice> : null}
          <div className="media-details-actions">
            {canEdit ? (
              <Button
                type="submit"
                variant="primary"
                isDisabled={!dirty}
                isPending={updated.loading || moved.loading}
              >
                Save changes
              </Button>
            ) : null}
            <Button onPress={onClose}>Close</Button>
          </div>
        </form>
        <Usage media={media} />
        {canEdit ? (
          <section className="media-trash" aria-label="Trash">
            {trashed.error && !confirmTrash ? (
              <Notice tone="danger">{errorMessage(trashed.error)}</Notice>
            ) : null}
            {confirmTrash ? (
              <div role="alert" className="media-trash-confirm">
                <p>
                  {media.usage.length > 0
                    ? `${plural(media.usage.length, 'item')} ${media.usage.length === 1 ? 'uses' : 'use'} this file.`
                    : errorMessage(trashed.error)}{' '}
                  In the trash it shows nowhere until it is restored.
                </p>
                <div className="form-row">
                  <Button variant="danger" isPending={trashed.loading} onPress={() => toTrash(true)}>
                    Move to the trash anyway
                  </Button>
                  <Button onPress={() => setConfirmTrash(false)}>Keep it</Button>
                </div>
              </div>
            ) : (
              <Button
                variant="danger"
                isPending={trashed.loading}
                onPress={() => (media.usage.length > 0 ? setConfirmTrash(true) : toTrash(false))}
              >
                Move to the trash
              </Button>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A file in the trash, as the trash lists it (the API shows trashed files
 * only there: `media(id)` and their links answer nothing), with the way
 * back out for those who may change it.
 */
export function TrashedFile({
  media,
  onClose,
  onChanged,
}: {
  media: MediaSummaryFragment;
  onClose(): void;
  onChanged(): void;
}) {
  const canEdit = useCanEdit(media);
  const [restore, { loading, error }] = useMutation(RestoreMediaMutation);
  return (
    <Dialog title={displayName(media)} isOpen onOpenChange={(open) => !open && onClose()}>
      <Notice tone="warning">
        This file is in the trash: items that use it show nothing in its place until it is restored.
      </Notice>
      <Facts media={media} />
      {error ? <Notice tone="danger">{errorMessage(error)}</Notice> : null}
      <div className="dialog-actions">
        <Button onPress={onClose}>Close</Button>
        {canEdit ? (
          <Button
            variant="primary"
            isPending={loading}
            onPress={() => {
              void restore({ variables: { input: { id: media.id } } })
                .then(() => {
                  onChanged();
                  onClose();
                })
                .catch(() => undefined);
            }}
          >
            Restore
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}

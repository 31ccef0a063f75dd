// The library's folders: a tree of links (all files, the top level, each
// folder, the trash) and, for those who manage folders, making, renaming and
// deleting them. The API lists folders flat; the tree is built here.
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';

import { errorMessage, fieldErrors } from '../../api/errors';
import {
  CreateMediaFolderMutation,
  DeleteMediaFolderMutation,
  MediaFoldersQuery,
  UpdateMediaFolderMutation,
} from '../../api/media';
import type { MediaFoldersQuery as Folders } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { FormErrorBanner } from '../../ui/FormErrorBanner';
import { Notice } from '../../ui/States';
import { writeView, type FolderScope, type LibraryView } from './params';

export type Folder = Folders['mediaFolders'][number];

interface FolderNode extends Folder {
  children: FolderNode[];
}

function buildTree(folders: readonly Folder[]): FolderNode[] {
  const nodes = new Map<string, FolderNode>(folders.map((f) => [f.id, { ...f, children: [] }]));
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** `Covers / 2024`: a folder's name with its ancestors'. */
export function folderPath(folders: readonly Folder[], id: string): string {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const names: string[] = [];
  let current = byId.get(id);
  // The API forbids cycles; the bound only guards against a damaged answer.
  while (current && names.length < 25) {
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' / ');
}

function ScopeLink({
  view,
  scope,
  trash = false,
  children,
}: {
  view: LibraryView;
  scope: FolderScope;
  trash?: boolean;
  children: React.ReactNode;
}) {
  const current = trash ? view.trash : !view.trash && view.folder === scope;
  const search = writeView({ ...view, folder: scope, trash, file: null, unused: trash ? false : view.unused });
  return (
    <Link
      to={{ search: search.toString() }}
      className="media-folder-link"
      aria-current={current ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

function Branch({ nodes, view }: { nodes: readonly FolderNode[]; view: LibraryView }) {
  return (
    <ul className="media-folder-list">
      {[...nodes]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((node) => (
          <li key={node.id}>
            <ScopeLink view={view} scope={node.id}>
              {node.name}
            </ScopeLink>
            {node.children.length > 0 ? <Branch nodes={node.children} view={view} /> : null}
          </li>
        ))}
    </ul>
  );
}

type Editing = { kind: 'create' } | { kind: 'rename'; folder: Folder } | { kind: 'delete'; folder: Folder };

export function FolderNav({
  view,
  folders,
  canManage,
  onNavigate,
}: {
  view: LibraryView;
  folders: readonly Folder[];
  /** The caller may make, rename and delete folders. */
  canManage: boolean;
  onNavigate(scope: FolderScope): void;
}) {
  const [editing, setEditing] = useState<Editing>();
  const current = !view.trash ? folders.find((f) => f.id === view.folder) : undefined;
  const close = () => setEditing(undefined);
  return (
    <nav className="media-folders" aria-label="Folders">
      <ul className="media-folder-list">
        <li>
          <ScopeLink view={view} scope="all">
            All files
          </ScopeLink>
        </li>
        <li>
          <ScopeLink view={view} scope="top">
            Not in a folder
          </ScopeLink>
        </li>
      </ul>
      {folders.length > 0 ? <Branch nodes={buildTree(folders)} view={view} /> : null}
      <ul className="media-folder-list media-folder-trash">
        <li>
          <ScopeLink view={view} scope="all" trash>
            Trash
          </ScopeLink>
        </li>
      </ul>
      {canManage ? (
        <div className="media-folder-actions">
          <Button size="sm" onPress={() => setEditing({ kind: 'create' })}>
            {current ? 'New subfolder' : 'New folder'}
          </Button>
          {current ? (
            <>
              <Button size="sm" variant="ghost" onPress={() => setEditing({ kind: 'rename', folder: current })}>
                Rename folder
              </Button>
              <Button size="sm" variant="ghost" onPress={() => setEditing({ kind: 'delete', folder: current })}>
                Delete folder
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {editing?.kind === 'create' || editing?.kind === 'rename' ? (
        <FolderNameDialog
          folder={editing.kind === 'rename' ? editing.folder : undefined}
          parent={editing.kind === 'create' ? current : undefined}
          onClose={close}
          onSaved={(id) => {
            close();
            onNavigate(id);
          }}
        />
      ) : null}
      {editing?.kind === 'delete' ? (
        <DeleteFolderDialog
          folder={editing.folder}
          hasSubfolders={folders.some((f) => f.parentId === editing.folder.id)}
          onClose={close}
          onDeleted={() => {
            close();
            onNavigate(editing.folder.parentId ?? 'all');
          }}
        />
      ) : null}
    </nav>
  );
}

/** Makes a folder (inside `parent`, if given) or renames `folder`. */
function FolderNameDialog({
  folder,
  parent,
  onClose,
  onSaved,
}: {
  folder: Folder | undefined;
  parent: Folder | undefined;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const [name, setName] = useState(folder?.name ?? '');
  const refetchQueries = [MediaFoldersQuery];
  const [create, created] = useMutation(CreateMediaFolderMutation, { refetchQueries });
  const [rename, renamed] = useMutation(UpdateMediaFolderMutation, { refetchQueries });
  const error = created.error ?? renamed.error;
  const loading = created.loading || renamed.loading;
  const save = () => {
    const trimmed = name.trim();
    const run = folder
      ? rename({ variables: { input: { id: folder.id, name: trimmed } } }).then(
          (r) => r.data?.updateMediaFolder.id,
        )
      : create({ variables: { input: { name: trimmed, parentId: parent?.id ?? null } } }).then(
          (r) => r.data?.createMediaFolder.id,
        );
    void run.then((id) => id && onSaved(id)).catch(() => undefined);
  };
  const title = folder ? `Rename “${folder.name}”` : parent ? `New folder in “${parent.name}”` : 'New folder';
  return (
    <Dialog title={title} isOpen onOpenChange={(open) => !open && onClose()} dismissable={!loading}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <TextField
          label="Folder name"
          value={name}
          onChange={setName}
          isRequired
          maxLength={200}
          validationBehavior="aria"
          description="Up to 200 characters, no slashes. Names are unique within a folder."
          error={fieldErrors(error).name}
          autoFocus
        />
        <FormErrorBanner error={error} fields={['name']} />
        <div className="dialog-actions">
          <Button onPress={onClose} isDisabled={loading}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isPending={loading} isDisabled={name.trim() === ''}>
            {folder ? 'Rename' : 'Create folder'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteFolderDialog({
  folder,
  hasSubfolders,
  onClose,
  onDeleted,
}: {
  folder: Folder;
  hasSubfolders: boolean;
  onClose(): void;
  onDeleted(): void;
}) {
  const [remove, { loading, error }] = useMutation(DeleteMediaFolderMutation, {
    refetchQueries: [MediaFoldersQuery],
  });
  return (
    <Dialog
      title={`Delete “${folder.name}”?`}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => !open && onClose()}
      dismissable={!loading}
    >
      {hasSubfolders ? (
        <p>This folder has folders in it. Delete or move them first: only an empty folder can be deleted.</p>
      ) : (
        <p>Only an empty folder can be deleted: move its files elsewhere first. Deleting it cannot be undone.</p>
      )}
      {error ? <Notice tone="danger">{errorMessage(error)}</Notice> : null}
      <div className="dialog-actions">
        <Button onPress={onClose} isDisabled={loading}>
          Cancel
        </Button>
        {!hasSubfolders ? (
          <Button
            variant="danger"
            isPending={loading}
            onPress={() => {
              void remove({ variables: { input: { id: folder.id } } })
                .then(onDeleted)
                .catch(() => undefined);
            }}
          >
            Delete folder
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}

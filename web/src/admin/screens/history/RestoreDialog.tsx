// Restoring a version copies it as a new draft (nothing live changes);
// the user confirms first, then lands in the editor on the new draft.
import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';

import { errorMessage } from '../../api/errors';
import { RestoreContentVersionMutation } from '../../api/history';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/States';

export function RestoreDialog({
  contentId,
  version,
  onClose,
}: {
  contentId: string;
  /** The version to restore; the dialog is closed while undefined. */
  version: number | undefined;
  onClose(): void;
}) {
  const navigate = useNavigate();
  const [restore, { loading, error, reset }] = useMutation(RestoreContentVersionMutation);
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Dialog
      title={`Restore version ${version ?? ''}?`}
      isOpen={version !== undefined}
      onOpenChange={(open) => {
        if (!open) close();
      }}
      role="alertdialog"
      dismissable={!loading}
    >
      <p>
        Version {version} becomes a new draft. What is live stays live until the draft is published,
        and every version stays in the history.
      </p>
      {error ? <Notice tone="danger">{errorMessage(error)}</Notice> : null}
      <div className="dialog-actions">
        <Button onPress={close} isDisabled={loading}>
          Cancel
        </Button>
        <Button
          variant="primary"
          isPending={loading}
          onPress={() => {
            if (version === undefined) return;
            void restore({ variables: { id: contentId, version } })
              .then(() => {
                onClose();
                void navigate(`/admin/items/${contentId}`);
              })
              .catch(() => undefined);
          }}
        >
          Restore as draft
        </Button>
      </div>
    </Dialog>
  );
}

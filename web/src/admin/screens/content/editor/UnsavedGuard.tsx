// Keeps unsaved edits from being lost: a confirm dialog when the router
// would leave the page, and the browser's own prompt on reload or close.
import { useEffect } from 'react';
import { useBlocker } from 'react-router';

import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';

export function UnsavedGuard({
  dirty,
  message = 'Your changes to this item are not saved. They will be lost if you leave.',
}: {
  dirty: () => boolean;
  message?: string;
}) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      currentLocation.pathname !== nextLocation.pathname && dirty(),
  );

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty()) return;
      event.preventDefault();
      // Older browsers need a value to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  return (
    <Dialog
      title="Leave without saving?"
      role="alertdialog"
      isOpen={blocker.state === 'blocked'}
      onOpenChange={(open) => {
        if (!open && blocker.state === 'blocked') blocker.reset();
      }}
    >
      <p>{message}</p>
      <div className="dialog-actions">
        <Button autoFocus onPress={() => blocker.reset?.()}>
          Stay
        </Button>
        <Button variant="danger" onPress={() => blocker.proceed?.()}>
          Leave
        </Button>
      </div>
    </Dialog>
  );
}

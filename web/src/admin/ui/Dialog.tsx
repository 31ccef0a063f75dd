// A modal dialog with a title: focus is trapped, Escape closes it (unless
// `dismissable` is false), and focus returns to what opened it.
import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

export interface DialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  children: ReactNode;
  dismissable?: boolean;
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
}

export function Dialog({
  title,
  isOpen,
  onOpenChange,
  children,
  dismissable = true,
  role = 'dialog',
  wide = false,
}: DialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      isDismissable={dismissable}
      isKeyboardDismissDisabled={!dismissable}
    >
      <Modal className={`modal${wide ? ' modal-wide' : ''}`}>
        <AriaDialog className="dialog" role={role}>
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

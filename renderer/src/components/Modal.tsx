// The one dialog frame every page uses, so focus trapping, Escape and the
// overlay behave identically everywhere.
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Overrides where focus returns on close (by default, whatever opened the dialog). */
  onCloseAutoFocus?: (event: Event) => void;
}

export function Modal({ open, onOpenChange, title, description, children, onCloseAutoFocus }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal__overlay" />
        {/* Without a description Radix needs aria-describedby explicitly unset, or it warns. */}
        <Dialog.Content
          className="modal"
          onCloseAutoFocus={onCloseAutoFocus}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <Dialog.Title className="modal__title">{title}</Dialog.Title>
          {description ? <Dialog.Description className="modal__description">{description}</Dialog.Description> : null}
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export const ModalClose = Dialog.Close;

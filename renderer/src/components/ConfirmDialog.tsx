import { useState, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { Modal, ModalClose } from './Modal';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Rejects to keep the dialog open and show why. */
  onConfirm: () => Promise<unknown>;
  onCloseAutoFocus?: (event: Event) => void;
}

/** Asks before something that cannot be undone, and reports if it then fails. */
export function ConfirmDialog(props: Props) {
  const { open, onOpenChange, title, description, confirmLabel, onConfirm, onCloseAutoFocus } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const changeOpen = (next: boolean) => {
    if (!next) setError(null);
    onOpenChange(next);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onOpenChange={changeOpen}
      title={title}
      description={description}
      onCloseAutoFocus={onCloseAutoFocus}
    >
      {error ? <ErrorMessage error={error} title="That did not work." /> : null}
      <div className="modal__actions">
        <ModalClose asChild>
          <button type="button" className="button">
            Cancel
          </button>
        </ModalClose>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

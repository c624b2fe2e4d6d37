import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
}

/** "Are you sure" for changes that cannot be undone; the safe choice has focus first. */
export function ConfirmDialog(p: ConfirmDialogProps) {
  return (
    <Dialog open={p.open} onClose={p.onClose} title={p.title}>
      <div className="form">
        <div>{p.children}</div>
        <div className="form-actions">
          <Button autoFocus onClick={p.onClose}>
            Cancel
          </Button>
          <Button
            variant={p.danger ? 'danger-solid' : 'primary'}
            busy={p.busy}
            onClick={p.onConfirm}
          >
            {p.confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

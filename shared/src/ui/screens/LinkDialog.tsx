import type { IssuedLink } from '../api/types';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { IssuedLinkPanel } from './IssuedLinkPanel';

export interface ShownLink {
  link: IssuedLink;
  email: string;
  what: 'invitation' | 'reset link';
}

/** Shows a link the gateway just issued (new invitation link, reset link). */
export function LinkDialog({ shown, onClose }: { shown: ShownLink | null; onClose(): void }) {
  return (
    <Dialog
      open={shown !== null}
      onClose={onClose}
      title={shown?.what === 'reset link' ? 'Password reset link' : 'Invitation link'}
    >
      {shown && (
        <div className="stack">
          <IssuedLinkPanel link={shown.link} email={shown.email} what={shown.what} />
          <div className="form-actions">
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

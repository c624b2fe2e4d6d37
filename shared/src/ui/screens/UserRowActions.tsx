import { useState, type ReactNode } from 'react';
import type { IssuedLink } from '../api/types';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAction } from '../hooks/use-action';
import type { ShownLink } from './LinkDialog';

export interface UserRowActionsProps {
  user: { email: string; status: string };
  isMe: boolean;
  onChanged(): void;
  onLink(shown: ShownLink): void;
  /** A new invitation link (pending) or a password reset link (member). */
  issueLink(pending: boolean): Promise<IssuedLink>;
  /** Revokes the invitation (pending) or removes the member. */
  remove(pending: boolean): Promise<unknown>;
  /** What the confirmation says, and the toast after it. */
  wording: {
    removeTitle: string;
    removeBody: string;
    revokeBody: string;
    removed: string;
    revoked: string;
  };
  /** Buttons before the common ones (an account's pixel assignment). */
  children?: ReactNode;
}

/**
 * A user row's actions in both user lists (an account's, the host's): a new invitation link or
 * revocation for invitations; a reset link or removal for members (never for oneself).
 */
export function UserRowActions(p: UserRowActionsProps) {
  const act = useAction();
  const [removing, setRemoving] = useState(false);
  const { user, isMe, wording } = p;
  const pending = user.status === 'pending';

  const newLink = async () => {
    const link = await act.run(() => p.issueLink(pending));
    if (link) p.onLink({ link, email: user.email, what: pending ? 'invitation' : 'reset link' });
  };
  const remove = async () => {
    const ok = await act.run(async () => (await p.remove(pending), true), {
      success: pending ? wording.revoked : wording.removed,
    });
    setRemoving(false);
    if (ok) p.onChanged();
  };

  return (
    <div className="row" style={{ justifyContent: 'flex-end' }}>
      {p.children}
      {(pending || !isMe) && (
        <Button
          size="sm"
          busy={act.busy}
          onClick={() => void newLink()}
          aria-label={`${pending ? 'New invitation link' : 'Password reset link'} for ${user.email}`}
        >
          {pending ? 'New link' : 'Reset link'}
        </Button>
      )}
      {!isMe && (
        <Button
          size="sm"
          variant="danger"
          onClick={() => setRemoving(true)}
          aria-label={pending ? `Revoke invitation for ${user.email}` : `Remove ${user.email}`}
        >
          {pending ? 'Revoke' : 'Remove'}
        </Button>
      )}
      <ConfirmDialog
        open={removing}
        title={pending ? 'Revoke this invitation?' : wording.removeTitle}
        confirmLabel={pending ? 'Revoke' : 'Remove'}
        danger
        busy={act.busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(false)}
      >
        {pending ? wording.revokeBody : wording.removeBody}
      </ConfirmDialog>
    </div>
  );
}

import { useState } from 'react';
import type { AccountUser } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import type { ShownLink } from '../LinkDialog';
import { useOpenAccount } from './account-context';

export interface UserActionsProps {
  user: AccountUser;
  isMe: boolean;
  onChanged(): void;
  onLink(shown: ShownLink): void;
  onAssign(user: AccountUser): void;
}

/** A row's actions: role and pixels for members, new link or revoke for invitations. */
export function UserActions({ user, isMe, onChanged, onLink, onAssign }: UserActionsProps) {
  const api = useApi();
  const { account } = useOpenAccount();
  const act = useAction();
  const [removing, setRemoving] = useState(false);
  const pending = user.status === 'pending';

  const link = async () => {
    const issued = await act.run(() =>
      pending
        ? api.regenerateInvitation(account.id, user.id)
        : api.userResetLink(account.id, user.id),
    );
    if (issued)
      onLink({ link: issued, email: user.email, what: pending ? 'invitation' : 'reset link' });
  };
  const remove = async () => {
    const ok = await act.run(
      async () => (
        await (pending
          ? api.revokeInvitation(account.id, user.id)
          : api.removeAccountUser(account.id, user.id)),
        true
      ),
      {
        success: pending ? `Invitation for ${user.email} revoked.` : `${user.email} removed.`,
      },
    );
    setRemoving(false);
    if (ok) onChanged();
  };

  return (
    <div className="row" style={{ justifyContent: 'flex-end' }}>
      {!pending && user.role === 'manager' && (
        <Button size="sm" onClick={() => onAssign(user)}>
          Pixels
        </Button>
      )}
      {(pending || !isMe) && (
        <Button
          size="sm"
          busy={act.busy}
          onClick={() => void link()}
          aria-label={
            pending
              ? `New invitation link for ${user.email}`
              : `Password reset link for ${user.email}`
          }
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
        title={pending ? 'Revoke this invitation?' : `Remove ${user.email}?`}
        confirmLabel={pending ? 'Revoke' : 'Remove'}
        danger
        busy={act.busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(false)}
      >
        {pending
          ? 'The link stops working at once. You can invite them again later.'
          : 'They lose access to this account at once. Their changes stay in the audit log.'}
      </ConfirmDialog>
    </div>
  );
}

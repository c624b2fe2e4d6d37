import { useState } from 'react';
import type { HostUser } from '../../api/types';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import type { ShownLink } from '../LinkDialog';

/** A host user's row actions: role, removal; an invitation's new link or revocation. */
export function HostUserActions({
  user,
  isMe,
  onChanged,
  onLink,
}: {
  user: HostUser;
  isMe: boolean;
  onChanged(): void;
  onLink(s: ShownLink): void;
}) {
  const api = useApi();
  const act = useAction();
  const [removing, setRemoving] = useState(false);
  const pending = user.status === 'pending';

  const newLink = async () => {
    const link = await act.run(() =>
      pending ? api.regenerateHostInvitation(user.id) : api.hostUserResetLink(user.id),
    );
    if (link) onLink({ link, email: user.email, what: pending ? 'invitation' : 'reset link' });
  };
  const remove = async () => {
    const ok = await act.run(
      async () => (
        await (pending ? api.revokeHostInvitation(user.id) : api.removeHostUser(user.id)),
        true
      ),
      {
        success: pending ? 'Invitation revoked.' : `${user.email} removed from the host.`,
      },
    );
    setRemoving(false);
    if (ok) onChanged();
  };

  return (
    <div className="row" style={{ justifyContent: 'flex-end' }}>
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
        title={pending ? 'Revoke this invitation?' : `Remove ${user.email} from the host?`}
        confirmLabel={pending ? 'Revoke' : 'Remove'}
        danger
        busy={act.busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(false)}
      >
        {pending
          ? 'The link stops working at once.'
          : 'They lose access to every managed account at once. Accounts they belong to directly are not affected.'}
      </ConfirmDialog>
    </div>
  );
}

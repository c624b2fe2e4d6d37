import type { HostUser } from '../../api/types';
import { useApi } from '../../hub-context';
import type { ShownLink } from '../LinkDialog';
import { UserRowActions } from '../UserRowActions';

/** A host user's row actions: removal and reset link; an invitation's new link or revocation. */
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
  return (
    <UserRowActions
      user={user}
      isMe={isMe}
      onChanged={onChanged}
      onLink={onLink}
      issueLink={(pending) =>
        pending ? api.regenerateHostInvitation(user.id) : api.hostUserResetLink(user.id)
      }
      remove={(pending) =>
        pending ? api.revokeHostInvitation(user.id) : api.removeHostUser(user.id)
      }
      wording={{
        removeTitle: `Remove ${user.email} from the host?`,
        removeBody:
          'They lose access to every managed account at once. Accounts they belong to directly are not affected.',
        revokeBody: 'The link stops working at once.',
        removed: `${user.email} removed from the host.`,
        revoked: 'Invitation revoked.',
      }}
    />
  );
}

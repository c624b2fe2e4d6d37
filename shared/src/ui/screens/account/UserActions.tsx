import type { AccountUser } from '../../api/types';
import { Button } from '../../components/Button';
import { useApi } from '../../hub-context';
import type { ShownLink } from '../LinkDialog';
import { UserRowActions } from '../UserRowActions';
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
  return (
    <UserRowActions
      user={user}
      isMe={isMe}
      onChanged={onChanged}
      onLink={onLink}
      issueLink={(pending) =>
        pending
          ? api.regenerateInvitation(account.id, user.id)
          : api.userResetLink(account.id, user.id)
      }
      remove={(pending) =>
        pending
          ? api.revokeInvitation(account.id, user.id)
          : api.removeAccountUser(account.id, user.id)
      }
      wording={{
        removeTitle: `Remove ${user.email}?`,
        removeBody:
          'They lose access to this account at once. Their changes stay in the audit log.',
        revokeBody: 'The link stops working at once. You can invite them again later.',
        removed: `${user.email} removed.`,
        revoked: `Invitation for ${user.email} revoked.`,
      }}
    >
      {user.status !== 'pending' && user.role === 'manager' && (
        <Button size="sm" onClick={() => onAssign(user)}>
          Pixels
        </Button>
      )}
    </UserRowActions>
  );
}

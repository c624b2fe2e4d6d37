import type { AccountUser, Role } from '../../api/types';
import { ROLE_LABELS } from '../../capabilities';
import { RoleSelect } from '../../components/RoleSelect';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';

/** The role cell: a picker for other members, plain text for yourself and for invitations. */
export function AccountUserRole({
  user,
  isMe,
  onChanged,
}: {
  user: AccountUser;
  isMe: boolean;
  onChanged(): void;
}) {
  const api = useApi();
  const { account } = useOpenAccount();
  const act = useAction();
  // Changing your own role from here could lock you out mid-click; another admin does it.
  if (user.status !== 'active' || isMe) return <>{ROLE_LABELS[user.role as Role]}</>;
  const set = async (role: Role) => {
    const ok = await act.run(
      async () => (await api.updateAccountUser(account.id, user.id, { role }), true),
      {
        success: `${user.email} is now ${ROLE_LABELS[role].toLowerCase()}.`,
      },
    );
    if (ok) onChanged();
  };
  return (
    <RoleSelect
      value={user.role as Role}
      label={`Role of ${user.email}`}
      disabled={act.busy}
      onChange={(r) => void set(r)}
    />
  );
}

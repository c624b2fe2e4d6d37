import type { HostUser, Role } from '../../api/types';
import { ROLE_LABELS } from '../../capabilities';
import { RoleSelect } from '../../components/RoleSelect';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';

/** A host user's role cell: a picker for others, plain text for yourself and invitations. */
export function HostUserRole({
  user,
  isMe,
  onChanged,
}: {
  user: HostUser;
  isMe: boolean;
  onChanged(): void;
}) {
  const api = useApi();
  const act = useAction();
  if (user.status !== 'active' || isMe) return <>{ROLE_LABELS[user.role as Role]}</>;
  const set = async (role: Role) => {
    const ok = await act.run(async () => (await api.updateHostUser(user.id, { role }), true), {
      success: `${user.email} is now host ${role}.`,
    });
    if (ok) onChanged();
  };
  return (
    <RoleSelect
      value={user.role as Role}
      label={`Host role of ${user.email}`}
      disabled={act.busy}
      onChange={(r) => void set(r)}
    />
  );
}

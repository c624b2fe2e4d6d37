import { HostInvitationBody } from '../../../schemas/tenancy';
import { HOST_ROLE_HINTS } from '../../capabilities';
import { useAccounts, useApi } from '../../hub-context';
import { InviteDialog } from '../InviteDialog';

/** Invite a host user; managers and viewers are given the managed accounts they reach. */
export function InviteHostUserDialog({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose(): void;
  onInvited(): void;
}) {
  const api = useApi();
  const accounts = useAccounts((s) => s.accounts);
  const managed = accounts.filter((a) => a.managed);
  return (
    <InviteDialog
      open={open}
      onClose={onClose}
      onInvited={onInvited}
      title="Invite a host user"
      roleLabel="Host role"
      roleHints={HOST_ROLE_HINTS}
      schema={HostInvitationBody}
      body={(email, role, ids) => ({
        email,
        role,
        ...(role !== 'admin' ? { account_ids: ids } : {}),
      })}
      send={(body) => api.inviteHostUser(body)}
      scopePicker={(role, ids, setIds) =>
        role !== 'admin' && (
          <fieldset className="checks" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="label" style={{ marginBottom: 6 }}>
              Managed accounts they reach
            </legend>
            {managed.length === 0 && (
              <p className="muted">No managed accounts yet; assign them later.</p>
            )}
            {managed.map((a) => (
              <label key={a.id} className="row">
                <input
                  type="checkbox"
                  checked={ids.includes(a.id)}
                  onChange={(e) =>
                    setIds(e.target.checked ? [...ids, a.id] : ids.filter((x) => x !== a.id))
                  }
                />{' '}
                {a.name}
              </label>
            ))}
          </fieldset>
        )
      }
    />
  );
}

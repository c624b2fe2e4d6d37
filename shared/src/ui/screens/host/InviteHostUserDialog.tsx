import { useState, type FormEvent } from 'react';
import { HostInvitationBody } from '../../../schemas/tenancy';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import type { IssuedLink, Role } from '../../api/types';
import { HOST_ROLE_HINTS, ROLE_LABELS } from '../../capabilities';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useAccounts, useApi } from '../../hub-context';
import { validate } from '../../validate';
import { IssuedLinkPanel } from '../IssuedLinkPanel';

const ROLES = (['viewer', 'manager', 'admin'] as const).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

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
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [ids, setIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const action = useAction();

  const close = () => {
    setEmail('');
    setRole('viewer');
    setIds([]);
    setErrors({});
    setIssued(null);
    action.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { email: email.trim(), role, ...(role !== 'admin' ? { account_ids: ids } : {}) };
    const found = validate(HostInvitationBody, body);
    if (found.email) found.email = 'Enter a valid email address.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const link = await action.run(() => api.inviteHostUser(body), {
      toastError: false,
      success: `Invitation for ${body.email} created.`,
    });
    if (link) {
      setIssued(link);
      onInvited();
    }
  };
  const toggle = (id: string, on: boolean) =>
    setIds(on ? [...ids, id] : ids.filter((x) => x !== id));

  return (
    <Dialog open={open} onClose={close} title={issued ? 'Invitation ready' : 'Invite a host user'}>
      {issued ? (
        <div className="stack">
          <IssuedLinkPanel link={issued} email={email.trim()} what="invitation" />
          <div className="form-actions">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {action.error && <Callout tone="bad">{errorMessage(action.error)}</Callout>}
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={setEmail}
            error={errors.email ?? fieldErrors(action.error).email}
            autoFocus
          />
          <SelectField
            label="Host role"
            value={role}
            onChange={setRole}
            options={ROLES}
            hint={HOST_ROLE_HINTS[role]}
          />
          {role !== 'admin' && (
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
                    onChange={(e) => toggle(a.id, e.target.checked)}
                  />{' '}
                  {a.name}
                </label>
              ))}
            </fieldset>
          )}
          <div className="form-actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={action.busy}>
              Create invitation
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

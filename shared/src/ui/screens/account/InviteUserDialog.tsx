import { useState, type FormEvent } from 'react';
import { AccountInvitationBody } from '../../../schemas/tenancy';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import type { IssuedLink, PixelDto, Role } from '../../api/types';
import { ACCOUNT_ROLE_HINTS, ROLE_LABELS } from '../../capabilities';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { validate } from '../../validate';
import { IssuedLinkPanel } from '../IssuedLinkPanel';
import { useOpenAccount } from './account-context';
import { PixelChecklist } from './PixelChecklist';

const ROLES = (['viewer', 'manager', 'admin'] as const).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

/** Invite someone to the account with a role; the answer is a link to pass on. */
export function InviteUserDialog({
  open,
  onClose,
  onInvited,
  pixels,
}: {
  open: boolean;
  onClose(): void;
  onInvited(): void;
  pixels: PixelDto[];
}) {
  const api = useApi();
  const { account } = useOpenAccount();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [pixelIds, setPixelIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const action = useAction();

  const close = () => {
    setEmail('');
    setRole('viewer');
    setPixelIds([]);
    setErrors({});
    setIssued(null);
    action.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      email: email.trim(),
      role,
      ...(role === 'manager' ? { pixel_ids: pixelIds } : {}),
    };
    const found = validate(AccountInvitationBody, body);
    if (found.email) found.email = 'Enter a valid email address.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const link = await action.run(() => api.inviteAccountUser(account.id, body), {
      toastError: false,
      success: `Invitation for ${body.email} created.`,
    });
    if (link) {
      setIssued(link);
      onInvited();
    }
  };
  const server = fieldErrors(action.error);

  return (
    <Dialog
      open={open}
      onClose={close}
      title={issued ? 'Invitation ready' : `Invite someone to ${account.name}`}
    >
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
            error={errors.email ?? server.email}
            autoFocus
          />
          <SelectField
            label="Role"
            value={role}
            onChange={setRole}
            options={ROLES}
            hint={ACCOUNT_ROLE_HINTS[role]}
          />
          {role === 'manager' && (
            <PixelChecklist pixels={pixels} value={pixelIds} onChange={setPixelIds} />
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

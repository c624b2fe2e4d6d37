import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { errorMessage, fieldErrors } from '../api/error-messages';
import type { IssuedLink, Role } from '../api/types';
import { ROLE_LABELS } from '../capabilities';
import { Button } from '../components/Button';
import { Callout } from '../components/Callout';
import { Dialog } from '../components/Dialog';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/use-action';
import { validate } from '../validate';
import { IssuedLinkPanel } from './IssuedLinkPanel';

const ROLES = (['viewer', 'manager', 'admin'] as const).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

export interface InviteDialogProps<Body extends { email: string }> {
  open: boolean;
  onClose(): void;
  onInvited(): void;
  title: string;
  roleLabel: string;
  roleHints: Record<Role, string>;
  /** The request body for this email, role and scope (pixel or account ids). */
  body(email: string, role: Role, scope: string[]): Body;
  /** The body's schema, shared with the server, checked before sending. */
  schema: z.ZodType;
  send(body: Body): Promise<IssuedLink>;
  /** The scope picker shown under the role, or nothing for roles without a scope. */
  scopePicker(role: Role, scope: string[], setScope: (ids: string[]) => void): ReactNode;
}

/**
 * The invitation form of both user lists (an account's, the host's): email, role and the role's
 * scope; the answer is a link to pass on.
 */
export function InviteDialog<Body extends { email: string }>(p: InviteDialogProps<Body>) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [scope, setScope] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const action = useAction();

  const close = () => {
    setEmail('');
    setRole('viewer');
    setScope([]);
    setErrors({});
    setIssued(null);
    action.clear();
    p.onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = p.body(email.trim(), role, scope);
    const found = validate(p.schema, body);
    if (found.email) found.email = 'Enter a valid email address.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const link = await action.run(() => p.send(body), {
      toastError: false,
      success: `Invitation for ${body.email} created.`,
    });
    if (link) {
      setIssued(link);
      p.onInvited();
    }
  };

  return (
    <Dialog open={p.open} onClose={close} title={issued ? 'Invitation ready' : p.title}>
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
            label={p.roleLabel}
            value={role}
            onChange={setRole}
            options={ROLES}
            hint={p.roleHints[role]}
          />
          {p.scopePicker(role, scope, setScope)}
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

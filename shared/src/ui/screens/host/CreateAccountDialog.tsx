import { useState, type FormEvent } from 'react';
import { AccountCreateBody } from '../../../schemas/admin';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import type { AccountCreated } from '../../api/types';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useHub } from '../../hub-context';
import { useGo } from '../../routing/use-route';
import { validate } from '../../validate';
import { IssuedLinkPanel } from '../IssuedLinkPanel';

/** New account: managed (run by the host) or unmanaged (run by an invited admin). */
export function CreateAccountDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { accounts } = useHub();
  const go = useGo();
  const [name, setName] = useState('');
  const [managed, setManaged] = useState(false);
  const [adminEmail, setAdminEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<AccountCreated | null>(null);
  const action = useAction();

  const close = () => {
    setName('');
    setAdminEmail('');
    setErrors({});
    setCreated(null);
    action.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: name.trim(),
      managed,
      ...(adminEmail.trim() ? { admin_email: adminEmail.trim() } : {}),
    };
    const found = validate(AccountCreateBody, body);
    if (!managed && !body.admin_email)
      found.admin_email = 'An unmanaged account needs its admin: enter their email.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const result = await action.run(() => accounts.getState().create(body), {
      toastError: false,
      success: `Account “${body.name}” created.`,
    });
    if (result) setCreated(result);
  };
  const server = fieldErrors(action.error);

  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? 'Account created' : 'New account'}
      description={
        created
          ? undefined
          : 'One account per advertiser: its pixels, users and data stay separate from every other account.'
      }
    >
      {created ? (
        <div className="stack">
          {created.invitation ? (
            <IssuedLinkPanel
              link={created.invitation}
              email={adminEmail.trim()}
              what="invitation"
            />
          ) : (
            <Callout tone="ok">“{created.name}” is ready. Add its pixels next.</Callout>
          )}
          <div className="form-actions">
            <Button onClick={close}>Done</Button>
            <Button
              variant="primary"
              onClick={() => (
                close(),
                go({ name: 'account', accountId: created.id, tab: 'overview' })
              )}
            >
              Open account
            </Button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {action.error && <Callout tone="bad">{errorMessage(action.error)}</Callout>}
          <TextField
            label="Account name"
            value={name}
            onChange={setName}
            error={errors.name ?? server.name}
            hint="Usually the advertiser or brand, e.g. “Acme Shoes”."
            autoFocus
          />
          <fieldset className="choice-group">
            <legend>Who runs it?</legend>
            <label className="choice">
              <input
                type="radio"
                name="managed"
                checked={!managed}
                onChange={() => setManaged(false)}
              />
              <span>
                Unmanaged
                <small>The advertiser’s admin runs it. You see only its name and status.</small>
              </span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name="managed"
                checked={managed}
                onChange={() => setManaged(true)}
              />
              <span>
                Managed
                <small>Host admins set up and run its pixels for the advertiser.</small>
              </span>
            </label>
          </fieldset>
          <TextField
            label={managed ? 'Admin email (optional)' : 'Admin email'}
            type="email"
            value={adminEmail}
            onChange={setAdminEmail}
            error={errors.admin_email ?? server.admin_email}
            hint={
              managed
                ? 'Invite someone from the advertiser as the account’s admin.'
                : 'They get an invitation link; the account shows “Setup in progress” until they accept.'
            }
          />
          <div className="form-actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={action.busy}>
              Create account
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

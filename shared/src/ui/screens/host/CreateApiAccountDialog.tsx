import { useState, type FormEvent } from 'react';
import { ApiAccountCreateBody } from '../../../schemas/tenancy';
import { errorMessage } from '../../api/error-messages';
import type { ApiAccount } from '../../api/types';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { CopyField } from '../../components/CopyField';
import { Dialog } from '../../components/Dialog';
import { SecretOnce } from '../../components/SecretOnce';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { validate } from '../../validate';

/** A new API account; re-entering your password guards the creation of host-admin credentials. */
export function CreateApiAccountDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(a: ApiAccount): void;
}) {
  const api = useApi();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<ApiAccount | null>(null);
  const action = useAction();

  const close = () => {
    setName('');
    setPassword('');
    setErrors({});
    setCreated(null);
    action.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), password };
    const found = validate(ApiAccountCreateBody, body);
    if (found.name) found.name = 'Letters and digits only, at most 20.';
    if (found.password) found.password = 'Enter your own password.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const a = await action.run(() => api.createApiAccount(body), {
      toastError: false,
      success: `API account ${body.name} created.`,
    });
    if (a) {
      const { secret: _s, ...listed } = a;
      onCreated(listed);
      setCreated(a);
    }
  };

  return (
    <Dialog open={open} onClose={close} title={created ? 'API account created' : 'New API account'}>
      {created ? (
        <div className="stack">
          <CopyField label="Client id" value={created.name} />
          <SecretOnce label="Client secret" value={created.secret ?? ''} />
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
            label="Name"
            value={name}
            onChange={setName}
            error={errors.name}
            hint="Letters and digits, at most 20, e.g. “Terraform”."
            maxLength={20}
            mono
            autoFocus
          />
          <TextField
            label="Your password"
            type="password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            hint="Confirms it is you: these credentials act as a host admin."
            autoComplete="current-password"
          />
          <div className="form-actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={action.busy}>
              Create
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Callout } from '../../components/Callout';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';
import { DeleteAccountCard } from './DeleteAccountCard';
import { ManagedCard } from './ManagedCard';

/** The account's name, who manages it, whether it runs, and deletion. */
export function SettingsTab() {
  const api = useApi();
  const { account, caps, update } = useOpenAccount();
  const [name, setName] = useState(account.name);
  const save = useAction();
  const status = useAction();

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const next = await save.run(() => api.updateAccount(account.id, { name: name.trim() }), {
      success: 'Name saved.',
    });
    if (next) update({ name: next.name });
  };
  const toggleStatus = async () => {
    const target = account.status === 'deactivated' ? 'active' : 'deactivated';
    const next = await status.run(() => api.updateAccount(account.id, { status: target }), {
      success:
        target === 'active'
          ? 'Account reactivated.'
          : 'Account deactivated: its pixels refuse events.',
    });
    if (next) update({ status: next.status });
  };

  return (
    <div className="stack">
      {!caps.admin && <Callout tone="info">Only the account’s admins change its settings.</Callout>}
      <Card title="General">
        <form className="form" onSubmit={rename} noValidate>
          <TextField
            label="Account name"
            value={name}
            onChange={setName}
            readOnly={!caps.admin}
            error={name.trim() ? undefined : 'The account needs a name.'}
          />
          {caps.admin && (
            <div>
              <Button type="submit" busy={save.busy} disabled={name.trim() === account.name}>
                Save name
              </Button>
            </div>
          )}
        </form>
      </Card>
      <ManagedCard />
      {caps.admin && account.status !== 'setup' && (
        <Card
          title={account.status === 'deactivated' ? 'Reactivate' : 'Deactivate'}
          description={
            account.status === 'deactivated'
              ? 'Start accepting and forwarding events again.'
              : 'Pause the whole account: its pixels refuse events until it is reactivated. Nothing is deleted.'
          }
        >
          <Button
            variant={account.status === 'deactivated' ? 'primary' : 'danger'}
            busy={status.busy}
            onClick={() => void toggleStatus()}
          >
            {account.status === 'deactivated' ? 'Reactivate account' : 'Deactivate account'}
          </Button>
        </Card>
      )}
      {caps.admin && <DeleteAccountCard />}
    </div>
  );
}

import { useState } from 'react';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi, useHub } from '../../hub-context';
import { useGo } from '../../routing/use-route';
import { useOpenAccount } from './account-context';

/** Deleting is final: the person types the account's name to confirm. */
export function DeleteAccountCard() {
  const api = useApi();
  const { accounts } = useHub();
  const go = useGo();
  const { account } = useOpenAccount();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const act = useAction();

  const remove = async () => {
    const ok = await act.run(async () => (await api.deleteAccount(account.id), true), {
      success: `Account “${account.name}” deleted.`,
    });
    if (!ok) return;
    accounts.getState().remove(account.id);
    go({ name: 'accounts' }, { replace: true });
  };
  return (
    <Card
      title="Delete account"
      description="Removes its pixels, tokens, domains and users who belong nowhere else. Events not yet sent to Meta are dropped."
    >
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete account…
      </Button>
      <Dialog
        open={open}
        onClose={() => (setOpen(false), setTyped(''))}
        title={`Delete ${account.name}?`}
        description="This cannot be undone."
      >
        <div className="form">
          <TextField
            label={`Type “${account.name}” to confirm`}
            value={typed}
            onChange={setTyped}
            autoFocus
          />
          <div className="form-actions">
            <Button onClick={() => (setOpen(false), setTyped(''))}>Cancel</Button>
            <Button
              variant="danger-solid"
              busy={act.busy}
              disabled={typed.trim() !== account.name}
              onClick={() => void remove()}
            >
              Delete account
            </Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}

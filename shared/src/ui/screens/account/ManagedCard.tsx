import { useState } from 'react';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Switch } from '../../components/Switch';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';

/**
 * Managed or not. Only the account's own admins decide; turning it on gives the host's admins
 * (and the host users assigned to it) full access, so it asks for explicit consent first.
 */
export function ManagedCard() {
  const api = useApi();
  const { account, caps, update } = useOpenAccount();
  const [consenting, setConsenting] = useState(false);
  const act = useAction();

  const set = async (managed: boolean) => {
    const next = await act.run(() => api.setManaged(account.id, managed), {
      success: managed
        ? 'The host now manages this account.'
        : account.managed
          ? 'The account is now unmanaged.'
          : 'Request declined.',
    });
    setConsenting(false);
    if (next) update({ managed: next.managed, manage_requested: next.manage_requested });
  };

  return (
    <Card
      title="Host management"
      description="A managed account is run together with the host’s team; an unmanaged one only by its own users."
    >
      <div className="stack">
        {account.manage_requested && !account.managed && caps.ownAdmin && (
          <Callout
            tone="warn"
            title="The host asks to manage this account"
            actions={
              <div className="row">
                <Button size="sm" onClick={() => void set(false)} busy={act.busy}>
                  Decline
                </Button>
                <Button size="sm" variant="primary" onClick={() => setConsenting(true)}>
                  Review and allow
                </Button>
              </div>
            }
          >
            Nothing changes until you allow it.
          </Callout>
        )}
        <Switch
          label="Managed by the host"
          description={
            caps.ownAdmin
              ? 'Host admins can see and change this account’s pixels, users and settings. You can switch it off at any time.'
              : 'Only the account’s own admins can change this.'
          }
          checked={account.managed}
          disabled={!caps.ownAdmin}
          busy={act.busy}
          onChange={(on) => (on ? setConsenting(true) : void set(false))}
        />
      </div>
      <ConfirmDialog
        open={consenting}
        title="Let the host manage this account?"
        confirmLabel="I agree, let the host manage it"
        busy={act.busy}
        onConfirm={() => void set(true)}
        onClose={() => setConsenting(false)}
      >
        <p>The host’s admins, and the host users assigned to this account, will be able to:</p>
        <ul>
          <li>see its pixels, metrics, errors and users;</li>
          <li>add, change and remove pixels, access tokens and domains;</li>
          <li>invite and remove users.</li>
        </ul>
        <p className="muted">
          Your admins keep full control and can make the account unmanaged again at any time.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

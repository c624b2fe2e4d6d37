import { useState } from 'react';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { TextField } from '../../components/TextField';
import { formatDate } from '../../format';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { LinkDialog, type ShownLink } from '../LinkDialog';
import { useOpenAccount } from './account-context';
import { DeleteAccountCard } from './DeleteAccountCard';

/** What a host admin sees of an unmanaged account: its state, the setup link, a request to manage. */
export function OutsideView() {
  const api = useApi();
  const { account, update } = useOpenAccount();
  const [email, setEmail] = useState('');
  const [shown, setShown] = useState<ShownLink | null>(null);
  const ask = useAction();
  const resend = useAction();

  const requestManage = async () => {
    const next = await ask.run(() => api.setManaged(account.id, true), {
      success: 'Request sent. The account’s admins decide.',
    });
    if (next) update({ manage_requested: next.manage_requested });
  };
  const sendAgain = async () => {
    const link = await resend.run(() =>
      api.resendSetupInvitation(account.id, email.trim() || undefined),
    );
    if (link) setShown({ link, email: email.trim() || 'the invited admin', what: 'invitation' });
  };

  return (
    <div className="stack">
      <Callout tone="info" title="Run by its own admins">
        This account is unmanaged: its pixels, users and data are visible only to its own users. You
        see its name and status.
      </Callout>
      <Card title="Details">
        <dl className="kv">
          <dt>Account id</dt>
          <dd className="mono">{account.id}</dd>
          <dt>Created</dt>
          <dd>{formatDate(account.created_at)}</dd>
          <dt>Status</dt>
          <dd>
            {account.status === 'setup'
              ? 'Waiting for its invited admin'
              : account.status === 'active'
                ? 'Active'
                : 'Deactivated'}
          </dd>
        </dl>
      </Card>
      {account.status === 'setup' && (
        <Card
          title="Invitation for the admin"
          description="The account starts once its admin accepts. Send a new link if the first one expired or went to the wrong person."
        >
          <div className="form">
            <TextField
              label="Send to another email (optional)"
              type="email"
              value={email}
              onChange={setEmail}
              hint="Leave empty to send a new link to the same person."
            />
            <div>
              <Button busy={resend.busy} onClick={() => void sendAgain()}>
                Create a new invitation link
              </Button>
            </div>
          </div>
        </Card>
      )}
      <Card
        title="Management"
        description="To set up pixels for the advertiser, ask to manage the account. Its admins have to agree."
      >
        {account.manage_requested ? (
          <Callout tone="warn">Requested. Waiting for the account’s admins to agree.</Callout>
        ) : (
          <div className="row">
            <Button
              onClick={() => void requestManage()}
              busy={ask.busy}
              disabled={account.status === 'setup'}
            >
              Ask to manage this account
            </Button>
            {account.status === 'setup' && (
              <span className="muted">Possible once its admin has accepted the invitation.</span>
            )}
          </div>
        )}
      </Card>
      <DeleteAccountCard />
      <LinkDialog shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}

import type { AccountDto } from '../api/types';
import { Badge } from './Badge';

/** An account's state in words: setup, deactivated, managed or not, a pending request. */
export function AccountStatusBadges({ account }: { account: AccountDto }) {
  return (
    <span className="row">
      {account.status === 'setup' && <Badge tone="warn">Setup in progress</Badge>}
      {account.status === 'active' && <Badge tone="ok">Active</Badge>}
      {account.status === 'deactivated' && <Badge tone="bad">Deactivated</Badge>}
      <Badge tone={account.managed ? 'info' : 'neutral'} plain>
        {account.managed ? 'Managed' : 'Unmanaged'}
      </Badge>
      {account.manage_requested && !account.managed && (
        <Badge tone="warn">Management requested</Badge>
      )}
    </span>
  );
}

import { describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../api/types';
import { renderInHub } from '../../testing/render-in-hub';
import { AccountTabs } from './AccountTabs';
import { ActivityTab } from './ActivityTab';

const account = (seat: string): AccountDetail => ({
  id: 'acc_1',
  name: 'Acme',
  managed: true,
  status: 'active',
  manage_requested: false,
  created_at: 1,
  seats: [seat],
});

describe('the account’s Activity tab', () => {
  it.each(['account:admin', 'host:admin'])('is offered to %s', (seat) => {
    const html = renderInHub(<AccountTabs current="activity" />, { account: account(seat) });
    expect(html).toMatch(/href="#\/accounts\/acc_1\/activity"[^>]*aria-current="page"/);
    expect(renderInHub(<ActivityTab />, { account: account(seat) })).toContain(
      'Loading the activity',
    );
  });

  it.each(['account:manager', 'account:viewer', 'host:manager', 'host:viewer'])(
    'is not offered to %s, and says why at its address',
    (seat) => {
      expect(
        renderInHub(<AccountTabs current="overview" />, { account: account(seat) }),
      ).not.toContain('Activity');
      const html = renderInHub(<ActivityTab />, { account: account(seat) });
      expect(html).toContain('Only the account’s admins see its activity.');
      expect(html).not.toContain('Loading');
    },
  );
});

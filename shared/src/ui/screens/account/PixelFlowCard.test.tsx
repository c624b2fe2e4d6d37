import { describe, expect, it } from 'vitest';
import type { AccountDetail, PixelDto } from '../../api/types';
import { renderInHub } from '../../testing/render-in-hub';
import { PixelFlowCard } from './PixelFlowCard';

const account = (seat: string): AccountDetail => ({
  id: 'acc_1',
  name: 'Acme',
  managed: false,
  status: 'active',
  manage_requested: false,
  created_at: 1,
  seats: [seat],
});
const pixel: PixelDto = {
  pixel_id: '123',
  account_id: 'acc_1',
  name: 'Main store',
  token_last4: 'abcd',
  token_status: 'ok',
  receiving: true,
  publishing: false,
  test_event_code: 'TEST1',
  blocked_events: [],
  last_error: null,
  created_at: 1,
};

describe('PixelFlowCard', () => {
  it('lets someone who may update the pixel switch it and save a test code', () => {
    const html = renderInHub(
      <PixelFlowCard pixel={pixel} canUpdate onChanged={() => undefined} />,
      {
        account: account('account:admin'),
      },
    );
    expect(html.match(/role="switch"[^>]*disabled/g)).toBeNull();
    expect(html).toContain('Save code');
    expect(html).toMatch(/aria-checked="true"[^>]*aria-labelledby/);
  });

  it('shows a viewer the same settings, disabled and without save buttons', () => {
    const html = renderInHub(
      <PixelFlowCard pixel={pixel} canUpdate={false} onChanged={() => undefined} />,
      { account: account('account:viewer') },
    );
    expect(html.match(/role="switch"[^>]*disabled=""/g)).toHaveLength(2);
    expect(html).toMatch(/value="TEST1"[^>]*readOnly=""|readOnly=""[^>]*value="TEST1"/);
    expect(html).not.toContain('Save code');
    expect(html).not.toContain('>Clear</button>');
  });
});

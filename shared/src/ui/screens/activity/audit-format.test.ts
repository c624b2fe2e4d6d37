import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/types';
import { actionText, actorText, auditChanges, formatValue, targetText } from './audit-format';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: 1_700_000_000_000,
  account_id: null,
  actor: { kind: 'user', id: 'u1', label: 'owner@host.example' },
  action: 'account.create',
  target: null,
  before: null,
  after: null,
  ...over,
});

// A pixel as the gateway logs it (its public view), before a change.
const PIXEL = {
  pixel_id: '123456789012345',
  account_id: 'acc_1',
  name: 'Main store',
  token_last4: '6789',
  token_status: 'ok',
  receiving: true,
  publishing: true,
  test_event_code: null,
  blocked_events: [],
  last_error: null,
  created_at: 1,
};

describe('audit entries in words', () => {
  it('says what an action code means, and words unknown codes', () => {
    expect(actionText('account.create')).toBe('Created an account');
    expect(actionText('pixel.update')).toBe('Changed a pixel’s settings');
    expect(actionText('widget.frobnicate_all')).toBe('Widget frobnicate all');
  });

  it('names the actor: an email, an API account, or the system', () => {
    expect(actorText({ kind: 'user', id: 'u1', label: 'a@acme.example' })).toBe('a@acme.example');
    expect(actorText({ kind: 'api', id: 'api_1', label: 'api:Terraform' })).toBe(
      'API account Terraform',
    );
    expect(actorText({ kind: 'system', id: null, label: 'system' })).toBe('System');
  });

  it('names the target from the entry itself, the account list, or the id', () => {
    const names = { accountName: (id: string) => (id === 'acc_2' ? 'Globex' : undefined) };
    expect(
      targetText(entry({ target: 'account:acc_1', after: { name: 'Acme Shoes' } }), names),
    ).toBe('Acme Shoes');
    expect(targetText(entry({ action: 'account.update', target: 'account:acc_2' }), names)).toBe(
      'Globex',
    );
    expect(targetText(entry({ target: 'account:acc_1' }), { accountId: 'acc_1' })).toBe(
      'This account',
    );
    expect(targetText(entry({ target: 'pixel:123', before: PIXEL }))).toBe(
      'Pixel Main store (123)',
    );
    expect(targetText(entry({ target: 'pixel:123' }))).toBe('Pixel 123');
    expect(targetText(entry({ target: 'user:u9', after: { email: 'v@acme.example' } }))).toBe(
      'v@acme.example',
    );
    expect(targetText(entry({ target: 'invitation:inv_1', after: { email: 'x@y.example' } }))).toBe(
      'Invitation for x@y.example',
    );
    expect(targetText(entry({ target: 'host' }))).toBe('This gateway');
    expect(targetText(entry({ target: null }))).toBeNull();
  });
});

describe('auditChanges', () => {
  it('shows only the fields a patch changed, old and new', () => {
    expect(auditChanges(PIXEL, { publishing: false, test_event_code: 'TEST4711' })).toEqual([
      { field: 'publishing', label: 'Publishing to Meta', before: 'yes', after: 'no' },
      { field: 'test_event_code', label: 'Test event code', before: 'none', after: 'TEST4711' },
    ]);
  });

  it('leaves out fields a patch sent unchanged', () => {
    expect(auditChanges(PIXEL, { receiving: true, name: 'Main store' })).toEqual([]);
  });

  it('compares a new token with the last 4 characters of the old one', () => {
    expect(auditChanges(PIXEL, { access_token: '…4321' })).toEqual([
      { field: 'access_token', label: 'Access token', before: '…6789', after: '…4321' },
    ]);
  });

  it('lists what was created, without ids and empty fields', () => {
    const created = {
      id: 'acc_1',
      name: 'Acme Shoes',
      managed: false,
      status: 'setup',
      manage_requested: false,
      created_at: 5,
      admin_email: 'admin@acme.example',
    };
    expect(auditChanges(null, created)).toEqual([
      { field: 'name', label: 'Name', after: 'Acme Shoes' },
      { field: 'managed', label: 'Managed by the host', after: 'no' },
      { field: 'status', label: 'Status', after: 'setup' },
      { field: 'admin_email', label: 'Admin email', after: 'admin@acme.example' },
    ]);
  });

  it('lists what was removed', () => {
    expect(auditChanges({ email: 'v@acme.example', role: 'viewer' }, null)).toEqual([
      { field: 'email', label: 'Email', before: 'v@acme.example' },
      { field: 'role', label: 'Role', before: 'viewer' },
    ]);
  });

  it('leaves out a link kind that only restates the action, not a reset link', () => {
    const link = { email: 'v@acme.example', role: 'viewer', kind: 'invitation', assignments: null };
    expect(auditChanges(null, link).map((c) => c.field)).toEqual(['email', 'role']);
    expect(auditChanges({ ...link, kind: 'reset' }, null).map((c) => c.field)).toEqual([
      'email',
      'role',
      'kind',
    ]);
  });

  it('goes into nested settings, so a mail server reads field by field', () => {
    const smtp = { configured: true, host: 'mail.example', from: 'gw@host.example' };
    expect(auditChanges({ name: 'Gw', smtp: null }, { name: 'Gw', smtp })).toEqual([
      { field: 'smtp.configured', label: 'Mail server configured', after: 'yes' },
      { field: 'smtp.host', label: 'Mail server host', after: 'mail.example' },
      { field: 'smtp.from', label: 'Mail server sender', after: 'gw@host.example' },
    ]);
    expect(
      auditChanges({ smtp: { ...smtp, host: 'old.example' } }, { smtp }).map((c) => [
        c.label,
        c.before,
        c.after,
      ]),
    ).toEqual([['Mail server host', 'old.example', 'mail.example']]);
    expect(auditChanges({ smtp }, { smtp: null }).map((c) => c.before)).toEqual([
      'yes',
      'mail.example',
      'gw@host.example',
    ]);
  });

  it('names assigned accounts, and says none for an empty list', () => {
    const ctx = { accountName: (id: string) => ({ acc_1: 'Acme', acc_2: 'Globex' })[id] };
    expect(
      auditChanges(
        { role: 'viewer', account_ids: ['acc_1', 'acc_2'] },
        { role: 'admin', account_ids: [] },
        ctx,
      ),
    ).toEqual([
      { field: 'role', label: 'Role', before: 'viewer', after: 'admin' },
      { field: 'account_ids', label: 'Accounts', before: 'Acme, Globex', after: 'none' },
    ]);
  });

  it('says nothing for entries without field-shaped data', () => {
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges('a', 'b')).toEqual([]);
  });
});

describe('formatValue', () => {
  it('writes values as a reader would say them', () => {
    expect(formatValue('receiving', false)).toBe('no');
    expect(formatValue('name', '')).toBe('none');
    expect(formatValue('blocked_events', ['Lead', 'Purchase'])).toBe('Lead, Purchase');
    expect(formatValue('count', 3)).toBe('3');
    expect(formatValue('checked_at', 1_700_000_000_000)).not.toBe('1700000000000');
    expect(formatValue('last_error', { code: 190 })).toBe('{"code":190}');
    expect(formatValue('name', 'x'.repeat(300))).toHaveLength(120);
  });
});

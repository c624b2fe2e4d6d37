// The hub end to end, as three people in three browsers against the real gateway: the host
// claims the instance and creates an unmanaged account for an advertiser; the advertiser's
// admin accepts the invitation, connects a pixel and invites a viewer; the viewer sees the
// pixel and can change nothing. Screenshots of each main screen go to test-artifacts/hub/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { TEST_SETUP_TOKEN, api, login } from '../../support/admin-client.js';
import { startHubStack, shot, type HubStack } from './fixtures/hub-stack.js';
import { button, click, dialog, field, fill, heading, toast } from './fixtures/hub-page.js';
import { sendTraffic } from './fixtures/traffic.js';

const HOST = { email: 'owner@host.example', password: 'host admin passphrase 1' };
const ADMIN = { email: 'admin@acme.example', password: 'acme admin passphrase 2' };
const VIEWER = { email: 'viewer@acme.example', password: 'acme viewer passphrase 3' };
const PIXEL_ID = '123456789012345';

// Steps are long browser stories: give each room on a loaded machine.
describe('the hub, from first run to a read-only viewer', { timeout: 120_000 }, () => {
  let stack: HubStack;
  let hub: string;
  const links: { admin?: string; viewer?: string } = {};
  // Each person keeps their browser across the steps of the story.
  const people: Partial<Record<'host' | 'admin' | 'viewer', Page>> = {};
  beforeAll(async () => {
    stack = await startHubStack();
    hub = `${stack.gateway.url}/hub/`;
  }, 120_000);
  afterAll(() => stack?.close());

  it('lets the host claim the instance and create an unmanaged account with an invited admin', async () => {
    const { page, errors } = await stack.person();
    people.host = page;
    onTestFailed(() => shot(page, 'failed-host'));
    await page.goto(hub);
    await heading(page, 'Claim this gateway');
    expect(page.url()).toContain('#/setup');
    await shot(page, '01-claim');
    await fill(page, {
      'Setup token': TEST_SETUP_TOKEN,
      'Your email': HOST.email,
      Password: HOST.password,
      'Repeat the password': HOST.password,
    });
    await click(page, 'Claim gateway');
    await heading(page, 'Accounts');
    await page.getByText('No accounts yet').waitFor();
    await shot(page, '02-accounts-empty');

    await click(page, 'New account');
    const create = dialog(page, 'New account');
    await fill(create, { 'Account name': 'Acme Shoes', 'Admin email': ADMIN.email });
    await shot(page, '03-create-account');
    await click(create, 'Create account');
    const created = dialog(page, 'Account created');
    const link = await field(created, 'Invitation link').inputValue();
    expect(link).toMatch(/\/hub\/#\/invite\/[\w-]+$/);
    links.admin = link;
    await shot(page, '04-invitation-link');
    await click(created, 'Done');

    const row = page.getByRole('row', { name: /Acme Shoes/ });
    await row.getByText('Setup in progress').waitFor();
    expect(await row.getByText('Unmanaged').count()).toBe(1);
    await shot(page, '05-accounts-list');

    // Unmanaged: the host sees the name and state, nothing inside.
    await row.getByRole('link', { name: 'Acme Shoes' }).click();
    await page.getByText('Run by its own admins').waitFor();
    expect(await page.getByRole('navigation', { name: 'Account sections' }).count()).toBe(0);
    await shot(page, '06-host-outside-view');
    expect(errors).toEqual([]);
  });

  it('lets the invited admin accept in another browser, connect a pixel and invite a viewer', async () => {
    const { page, errors } = await stack.person();
    people.admin = page;
    onTestFailed(() => shot(page, 'failed-account-admin'));
    await page.goto(links.admin!);
    await heading(page, 'Join Acme Shoes');
    await fill(page, { 'New password': ADMIN.password, 'Repeat the password': ADMIN.password });
    await shot(page, '07-accept-invitation');
    await click(page, 'Accept invitation');

    // Their only account opens at once, and it is no longer waiting for setup.
    await heading(page, 'Acme Shoes');
    await page.getByRole('main').getByText('Active', { exact: true }).waitFor();
    await page.getByText('No pixels yet').waitFor();
    await shot(page, '08-account-overview-empty');

    await page
      .getByRole('navigation', { name: 'Account sections' })
      .getByRole('link', { name: 'Pixels' })
      .click();
    await click(page, 'Add pixel');
    const add = dialog(page, 'Add a pixel');
    await fill(add, {
      'Pixel id': PIXEL_ID,
      'Conversions API access token': 'EAAGtestAccessToken0123456789',
      'Name (optional)': 'Main store',
    });
    await click(add, 'Connect pixel');
    const connected = dialog(page, 'Pixel connected');
    expect(await field(connected, 'Access key').inputValue()).toMatch(/^ak_/);
    await shot(page, '09-pixel-access-key');
    await click(connected, 'Open pixel');

    await heading(page, 'Main store');
    await sendTraffic(stack.gateway.url, PIXEL_ID, ADMIN, { good: 12, refused: 1 });
    await page.reload();
    await page.getByRole('cell', { name: /poison/ }).waitFor();
    const snippet = await page
      .getByRole('region', { name: 'Snippet' })
      .or(page.locator('pre'))
      .first()
      .innerText();
    expect(snippet).toContain(`fbq('init', '${PIXEL_ID}')`);
    expect(snippet).toContain(`${stack.gateway.url}/sdk/events.js`);
    const publishing = page.getByRole('switch', { name: 'Publishing to Meta' });
    expect(await publishing.getAttribute('aria-checked')).toBe('true');
    await publishing.click();
    await toast(page, 'Publishing paused.');
    expect(await publishing.getAttribute('aria-checked')).toBe('false');
    await publishing.click();
    await toast(page, 'Publishing to Meta.');
    await fill(page, { 'Test event code': 'TEST4711' });
    await click(page, 'Save code');
    await toast(page, 'Test events on');
    await shot(page, '10-pixel-detail');

    const sections = page.getByRole('navigation', { name: 'Account sections' });
    await page.getByRole('link', { name: /All pixels of Acme Shoes/ }).click();
    await sections.getByRole('link', { name: 'Overview' }).click();
    await page.getByText('Main store needs attention').waitFor();
    const received = page.getByRole('region', { name: 'Last 24 hours' });
    await received.getByText('13', { exact: true }).waitFor();
    await page.getByRole('img', { name: /13 events received/ }).waitFor();
    await shot(page, '11-account-overview');

    await sections.getByRole('link', { name: 'Users' }).click();
    await click(page, 'Invite user');
    const invite = dialog(page, 'Invite someone to Acme Shoes');
    await fill(invite, { Email: VIEWER.email });
    await field(invite, 'Role').selectOption('viewer');
    await click(invite, 'Create invitation');
    const ready = dialog(page, 'Invitation ready');
    links.viewer = await field(ready, 'Invitation link').inputValue();
    await shot(page, '12-viewer-invitation');
    await click(ready, 'Done');
    const pending = page.getByRole('row', { name: new RegExp(VIEWER.email) });
    await pending.getByText('Invited').waitFor();
    await shot(page, '13-account-users');
    expect(errors).toEqual([]);
  });

  it('shows the viewer the pixel in a third browser and lets them change nothing', async () => {
    const { page, errors } = await stack.person();
    people.viewer = page;
    onTestFailed(() => shot(page, 'failed-viewer'));
    await page.goto(links.viewer!);
    await heading(page, 'Join Acme Shoes');
    await page.getByText('Viewer', { exact: true }).waitFor();
    await fill(page, { 'New password': VIEWER.password, 'Repeat the password': VIEWER.password });
    await click(page, 'Accept invitation');
    await heading(page, 'Acme Shoes');

    // Viewers have no Users section; the pixel is listed on the overview.
    const sections = page.getByRole('navigation', { name: 'Account sections' });
    expect(await sections.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Main store' }).first().click();
    await heading(page, 'Main store');
    await page.getByText('View only').waitFor();
    expect(await page.getByRole('switch', { name: 'Receiving' }).isDisabled()).toBe(true);
    expect(await page.getByRole('switch', { name: 'Publishing to Meta' }).isDisabled()).toBe(true);
    expect(await field(page, 'Test event code').inputValue()).toBe('TEST4711');
    expect(await field(page, 'Test event code').isEditable()).toBe(false);
    for (const action of ['Save code', 'Replace token', 'Remove pixel', 'Create new access key'])
      expect(await button(page, action).count(), action).toBe(0);
    await shot(page, '14-viewer-pixel');
    expect(errors).toEqual([]);

    // And the gateway agrees: the same change sent directly is refused.
    const token = await login(stack.gateway.url, VIEWER.email, VIEWER.password);
    const accounts = (await api(stack.gateway.url, token).get('/accounts')).body.accounts;
    const r = await api(stack.gateway.url, token).patch(
      `/accounts/${accounts[0].id}/pixels/${PIXEL_ID}`,
      { receiving: false },
    );
    expect(r.status).toBe(403);
  });

  it('lets the host ask to manage the account, and reach inside once its admin agrees', async () => {
    const host = people.host!;
    const admin = people.admin!;
    onTestFailed(() => shot(admin, 'failed-managed-consent'));
    // The host's page still shows the account as they left it, waiting for its admin.
    await host.reload();
    await host.getByText('Active', { exact: true }).first().waitFor();
    await click(host, 'Ask to manage this account');
    await toast(host, 'Request sent');
    await host.getByText('Waiting for the account’s admins to agree').waitFor();

    await admin.reload();
    await admin
      .getByRole('navigation', { name: 'Account sections' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await admin.getByText('The host asks to manage this account').waitFor();
    await shot(admin, '15-manage-request');
    await click(admin, 'Review and allow');
    const consent = dialog(admin, 'Let the host manage this account?');
    await consent.getByText('invite and remove users').waitFor();
    await shot(admin, '16-managed-consent');
    await click(consent, 'I agree, let the host manage it');
    await toast(admin, 'The host now manages this account.');
    expect(
      await admin.getByRole('switch', { name: 'Managed by the host' }).getAttribute('aria-checked'),
    ).toBe('true');

    await host.reload();
    await heading(host, 'Acme Shoes');
    await host.getByRole('navigation', { name: 'Account sections' }).waitFor();
    await host.getByRole('link', { name: 'Main store' }).first().waitFor();
    await shot(host, '17-host-inside-managed');
  });

  it('gives the viewer a reset link from the account admin that sets a new password', async () => {
    const admin = people.admin!;
    const viewer = people.viewer!;
    onTestFailed(() => shot(viewer, 'failed-reset'));
    await admin
      .getByRole('navigation', { name: 'Account sections' })
      .getByRole('link', { name: 'Users' })
      .click();
    await click(admin, `Password reset link for ${VIEWER.email}`);
    const shown = dialog(admin, 'Password reset link');
    const link = await field(shown, 'Reset link').inputValue();
    expect(link).toContain('/hub/#/reset/');
    await click(shown, 'Done');

    const fresh = 'a brand new viewer phrase';
    await viewer.goto(link);
    await heading(viewer, 'Choose a new password');
    await fill(viewer, { 'New password': fresh, 'Repeat the password': fresh });
    await click(viewer, 'Set password');
    await viewer.getByText('Password changed').waitFor();
    await shot(viewer, '18-password-reset');
    await viewer.getByRole('link', { name: 'Sign in', exact: true }).click();
    await heading(viewer, 'Sign in');
    await viewer.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(viewer, 'Reset your password');
    await shot(viewer, '19-forgot-password');
    await viewer.getByRole('link', { name: 'Back to sign in' }).click();
    // The forgot-password page has an Email field too: fill the sign-in page's, once it is there.
    await heading(viewer, 'Sign in');
    await fill(viewer, { Email: VIEWER.email, Password: fresh });
    await click(viewer, 'Sign in');
    await heading(viewer, 'Acme Shoes');
  });

  it('shows the host and the account’s admins who changed what, and the viewer no Activity', async () => {
    const host = people.host!;
    const admin = people.admin!;
    const viewer = people.viewer!;
    onTestFailed(() => shot(host, 'failed-activity'));
    const mainNav = (p: Page) => p.getByRole('navigation', { name: 'Main' });
    const sections = (p: Page) => p.getByRole('navigation', { name: 'Account sections' });

    // The host's own log: the account they created, under their email, newest first.
    await mainNav(host).getByRole('link', { name: 'Activity', exact: true }).click();
    await heading(host, 'Activity');
    const hostLog = host.getByRole('table', { name: 'Host activity, newest first' });
    const rows = hostLog.getByRole('row');
    await rows.nth(1).getByText('Created an account').waitFor();
    const created = await rows.nth(1).innerText();
    expect(created).toContain(`${HOST.email} (you)`);
    expect(created).toContain('Acme Shoes');
    expect(created).toMatch(/Admin email:\s*admin@acme\.example/);
    await rows.nth(2).getByText('Gateway claimed').waitFor();
    expect(await host.getByText('All 2 entries shown.').count()).toBe(1);
    await shot(host, '30-host-activity');

    // Inside the managed account: its own log, with the admin's changes as old → new.
    await mainNav(host).getByRole('link', { name: 'Acme Shoes' }).click();
    await sections(host).getByRole('link', { name: 'Activity' }).click();
    const accountLog = host.getByRole('table', { name: 'Activity in Acme Shoes, newest first' });
    const codeSet = accountLog
      .getByRole('row', { name: /Changed a pixel’s settings/ })
      .filter({ hasText: 'TEST4711' });
    await codeSet.waitFor();
    expect(await codeSet.innerText()).toContain(ADMIN.email);
    expect(await codeSet.innerText()).toMatch(
      /Test event code:\s*from\s*none\s*→?\s*to\s*TEST4711/,
    );
    expect(await codeSet.innerText()).toContain('Pixel Main store (123456789012345)');
    const paused = accountLog
      .getByRole('row', { name: /Changed a pixel’s settings/ })
      .filter({ hasText: /Publishing to Meta:\s*from\s*yes/ });
    expect(await paused.count()).toBe(1);
    for (const [what, who] of [
      ['Connected a pixel', ADMIN.email],
      ['Asked to manage the account', `${HOST.email} (you)`],
      ['Changed host management', ADMIN.email],
      ['Accepted an invitation', VIEWER.email],
      ['Made a password reset link', ADMIN.email],
    ] as const) {
      const row = accountLog.getByRole('row', { name: new RegExp(what) }).first();
      expect(await row.innerText(), what).toContain(who);
    }
    await shot(host, '31-account-activity');

    // The account's own admin has the tab too.
    await admin.reload();
    await sections(admin).getByRole('link', { name: 'Activity' }).waitFor();

    // The viewer: no Activity in either place, a plain answer at the address, and a 403 behind it.
    await viewer.reload();
    await heading(viewer, 'Acme Shoes');
    await sections(viewer).getByRole('link', { name: 'Overview' }).waitFor();
    expect(await sections(viewer).getByRole('link', { name: 'Activity' }).count()).toBe(0);
    expect(await mainNav(viewer).getByRole('link', { name: 'Activity' }).count()).toBe(0);
    const accountUrl = viewer.url().replace(/#.*$/, '') + new URL(host.url()).hash;
    await viewer.goto(accountUrl);
    await viewer.getByText('Only the account’s admins see its activity.').waitFor();
    const accountId = new URL(host.url()).hash.split('/')[2]!;
    const r = await viewer
      .context()
      .request.get(`${stack.gateway.url}/api/v1/audit?account_id=${accountId}`);
    expect(r.status()).toBe(403);
  });
});

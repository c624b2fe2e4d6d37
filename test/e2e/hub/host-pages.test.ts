// The host's side of the hub against the real gateway: sign-in errors and the TOTP step, the
// profile, a managed account's settings and domains, host users, API accounts (the secret
// works), and the mail settings. Screenshots of each go to test-artifacts/hub/.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { totpAt } from '../../../gateway/src/auth/totp.js';
import { HOST_ADMIN, claimHost } from '../../support/admin-client.js';
import { startHubStack, shot, type HubStack } from './fixtures/hub-stack.js';
import { button, click, dialog, field, fill, heading, toast } from './fixtures/hub-page.js';
import type { Page } from 'playwright-core';

// Steps are long browser stories: give each room on a loaded machine.
describe('the host pages of the hub', { timeout: 120_000 }, () => {
  let stack: HubStack;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    stack = await startHubStack();
    await claimHost(stack.gateway.url);
    ({ page, errors } = await stack.person());
  }, 120_000);
  afterAll(() => stack?.close());

  const signIn = async (password: string) => {
    await fill(page, { Email: HOST_ADMIN.email, Password: password });
    await click(page, 'Sign in');
  };
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

  it('explains a wrong password, then signs the host admin in', async () => {
    onTestFailed(() => shot(page, 'failed-host-sign-in'));
    await page.goto(`${stack.gateway.url}/hub/`);
    await heading(page, 'Sign in');
    await shot(page, '20-login');
    await signIn('not the password');
    await page.getByRole('alert').getByText('Wrong email or password').waitFor();
    await shot(page, '21-login-error');
    await signIn(HOST_ADMIN.password);
    await heading(page, 'Accounts');
  });

  it('works from the keyboard: skip link, dialogs that trap and return focus, Escape', async () => {
    onTestFailed(() => shot(page, 'failed-keyboard'));
    await page.goto(`${stack.gateway.url}/hub/#/accounts`);
    await heading(page, 'Accounts');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await button(page, 'New account').focus();
    await page.keyboard.press('Enter');
    const create = dialog(page, 'New account');
    await create.waitFor();
    expect(
      await page.evaluate(
        () => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent,
      ),
    ).toBe('Account name');
    await page.keyboard.press('Escape');
    await create.waitFor({ state: 'hidden' });
    expect(await focused()).toBe('New account');
    // Toasts are announced: one polite live region for the whole hub.
    expect(await page.locator('[aria-live="polite"]').count()).toBe(1);
  });

  it('turns on two-step verification, and sign-in then asks for the code', async () => {
    onTestFailed(() => shot(page, 'failed-totp'));
    await nav('Profile & security');
    await heading(page, 'Profile & security');
    await click(page, 'Set up');
    const secret = await field(page, 'Setup key').inputValue();
    await fill(page, { 'Code from the app': totpAt(secret, Date.now()) });
    await click(page, 'Turn on');
    await toast(page, 'Two-step verification is on.');
    await shot(page, '22-profile');

    await click(page, 'Sign out');
    await heading(page, 'Sign in');
    await signIn(HOST_ADMIN.password);
    await heading(page, 'Two-step verification');
    await shot(page, '23-login-totp');
    // The next time step: the one used to turn it on cannot be replayed.
    await fill(page, { 'Authentication code': totpAt(secret, Date.now() + 30_000) });
    await click(page, 'Verify and sign in');
    await heading(page, 'Accounts');
  });

  it('creates a managed account and adds a first-party domain to it', async () => {
    onTestFailed(() => shot(page, 'failed-managed-account'));
    await click(page, 'New account');
    const create = dialog(page, 'New account');
    await fill(create, { 'Account name': 'Globex' });
    await create.getByLabel(/^Managed/).check();
    await click(create, 'Create account');
    await click(dialog(page, 'Account created'), 'Open account');
    await heading(page, 'Globex');

    const sections = page.getByRole('navigation', { name: 'Account sections' });
    await sections.getByRole('link', { name: 'Settings' }).click();
    // Only the account's own admins decide whether the host manages it.
    expect(await page.getByRole('switch', { name: 'Managed by the host' }).isDisabled()).toBe(true);
    await shot(page, '24-account-settings');

    await sections.getByRole('link', { name: 'Domains' }).click();
    await page.getByText('No domains yet').waitFor();
    await click(page, 'Add domain');
    await fill(dialog(page, 'Add a domain'), { Hostname: 'https://CAPI.globex.example/path' });
    await click(dialog(page, 'Add a domain'), 'Add domain');
    await dialog(page, 'Point the domain here').getByText('CNAME record').waitFor();
    await shot(page, '25-domain-cname');
    await click(dialog(page, 'Point the domain here'), 'Done');
    await page.getByRole('cell', { name: /^capi\.globex\.example/ }).waitFor();
    await shot(page, '26-domains');
  });

  it('invites a host viewer for one managed account', async () => {
    onTestFailed(() => shot(page, 'failed-host-users'));
    await nav('Host users');
    await heading(page, 'Host users');
    await click(page, 'Invite host user');
    const invite = dialog(page, 'Invite a host user');
    await fill(invite, { Email: 'analyst@host.example' });
    await invite.getByLabel('Globex').check();
    await click(invite, 'Create invitation');
    expect(await field(dialog(page, 'Invitation ready'), 'Invitation link').inputValue()).toContain(
      '/hub/#/invite/',
    );
    await click(dialog(page, 'Invitation ready'), 'Done');
    const row = page.getByRole('row', { name: /analyst@host\.example/ });
    await row.getByText('Globex').waitFor();
    await shot(page, '27-host-users');
  });

  it('gives a pending host invitation a new link, then revokes it', async () => {
    onTestFailed(() => shot(page, 'failed-host-invitation'));
    const row = page.getByRole('row', { name: /analyst@host\.example/ });
    await click(row, 'New invitation link for analyst@host.example');
    const shown = dialog(page, 'Invitation link');
    expect(await field(shown, 'Invitation link').inputValue()).toContain('/hub/#/invite/');
    await click(shown, 'Done');
    await click(row, 'Revoke invitation for analyst@host.example');
    await click(dialog(page, 'Revoke this invitation?'), 'Revoke');
    await toast(page, 'Invitation revoked.');
    await row.waitFor({ state: 'detached' });
  });

  it('creates an API account whose secret, shown once, gets a token', async () => {
    onTestFailed(() => shot(page, 'failed-api-accounts'));
    await nav('API accounts');
    await heading(page, 'API accounts');
    await click(page, 'New API account');
    const create = dialog(page, 'New API account');
    await fill(create, { Name: 'Terraform', 'Your password': HOST_ADMIN.password });
    await click(create, 'Create');
    const created = dialog(page, 'API account created');
    const secret = await field(created, 'Client secret').inputValue();
    await shot(page, '28-api-account-secret');
    await click(created, 'Done');
    await page.getByRole('cell', { name: /^Terraform/ }).waitFor();

    const r = await fetch(`${stack.gateway.url}/clients/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'Terraform',
        client_secret: secret,
        grant_type: 'client_credentials',
      }),
    });
    expect(r.status).toBe(200);
  });

  it('saves the mail server and shows it configured', async () => {
    onTestFailed(() => shot(page, 'failed-host-settings'));
    await nav('Settings');
    await heading(page, 'Settings');
    await fill(page, {
      'SMTP URL': 'smtp://mailer:secret@127.0.0.1:2525',
      Sender: 'Gateway <no-reply@host.example>',
    });
    await click(page, 'Save mail server');
    await toast(page, 'Mail server saved');
    await page.getByText('Configured', { exact: true }).waitFor();
    await shot(page, '29-host-settings');
    expect(errors).toEqual([]);
  });
});

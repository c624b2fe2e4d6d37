import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DIALECTS,
  PASSWORD,
  accept,
  addAccountUser,
  addPixel,
  claim,
  createAccount,
  expectStatus,
  signIn,
  startGateway,
  type Gateway,
} from './harness.js';

// Invitations are single-use links that expire after 24 hours, stored hashed; regenerating
// one kills the old link; accepting sets the password and signs in.

const DAY = 24 * 3600_000;

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Invitation lifecycle on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    let accountId: string;
    const invite = async (email: string, role = 'viewer', extra: Record<string, unknown> = {}) =>
      expectStatus(
        await gw
          .as({ bearer: root })
          .post(`/accounts/${accountId}/invitations`, { email, role, ...extra }),
        201,
      ).body as { id: string; token: string; link: string; expires_at: number; emailed: boolean };

    beforeAll(async () => {
      gw = await startGateway(dialect.name);
      root = await claim(gw);
      accountId = (await createAccount(gw, root, 'Lifecycle shop')).id;
    });
    afterAll(() => gw?.close());
    afterEach(() => vi.useRealTimers());

    it('returns a copyable link that expires in 24 hours when no SMTP is configured', async () => {
      const before = Date.now();
      const inv = await invite('copy@shop.example');
      expect(inv.emailed).toBe(false);
      expect(inv.link).toBe(`https://gw.example/hub/#/invite/${inv.token}`);
      expect(inv.expires_at).toBeGreaterThanOrEqual(before + DAY);
      expect(inv.expires_at).toBeLessThanOrEqual(Date.now() + DAY);
    });

    it('stores only a hash of the link token', async () => {
      const inv = await invite('hashed@shop.example');
      const rows = await gw.app.gw.store.account(accountId).invitations.open();
      const row = rows.find((r) => r.id === inv.id)!;
      expect(row.tokenHash).not.toContain(inv.token);
      expect(JSON.stringify(rows)).not.toContain(inv.token);
    });

    it('lists an open invitation as a pending user until it is accepted', async () => {
      const inv = await invite('pending@shop.example', 'manager');
      const users = async () =>
        (await gw.as({ bearer: root }).get(`/accounts/${accountId}/users`)).body.users;
      expect(
        (await users()).find((u: { email: string }) => u.email === 'pending@shop.example'),
      ).toEqual({
        id: inv.id,
        email: 'pending@shop.example',
        role: 'manager',
        status: 'pending',
        pixel_ids: [],
        expires_at: inv.expires_at,
      });
      const { userId } = await accept(gw, inv.token);
      expect(
        (await users()).find((u: { email: string }) => u.email === 'pending@shop.example'),
      ).toMatchObject({
        id: userId,
        status: 'active',
        expires_at: null,
      });
    });

    it('describes a link before it is accepted', async () => {
      const inv = await invite('lookup@shop.example', 'admin');
      const r = expectStatus(await gw.as().get(`/invitations/lookup?token=${inv.token}`), 200);
      expect(r.body).toEqual({
        kind: 'invitation',
        email: 'lookup@shop.example',
        scope: 'account',
        role: 'admin',
        account_name: 'Lifecycle shop',
        expires_at: inv.expires_at,
        existing_user: false,
      });
    });

    it('sets the password and signs in on acceptance (cookie and CSRF token)', async () => {
      const inv = await invite('newcomer@shop.example');
      const r = expectStatus(
        await gw.as().post('/invitations/accept', { token: inv.token, password: PASSWORD }),
        200,
      );
      expect(r.body.user.email).toBe('newcomer@shop.example');
      expect(r.body.accounts).toEqual([{ id: accountId, name: 'Lifecycle shop', role: 'viewer' }]);
      const cookie = r.cookies.find((c) => c.name === 'capgw_session')!.value;
      const me = await gw.as({ cookie }).get('/me');
      expect(me.body.user.email).toBe('newcomer@shop.example');
      expect(me.body.csrf_token).toBe(r.body.csrf_token);
      expect(await signIn(gw, 'newcomer@shop.example')).toMatch(/^capgw_/);
    });

    it('refuses a password that is too short for a new person', async () => {
      const inv = await invite('shortpw@shop.example');
      const r = await gw.as().post('/invitations/accept', { token: inv.token, password: 'short' });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      // The failed attempt did not use the link up.
      await accept(gw, inv.token);
    });

    it('works once: a second acceptance and a lookup of a used link fail', async () => {
      const inv = await invite('once@shop.example');
      await accept(gw, inv.token);
      const again = await gw
        .as()
        .post('/invitations/accept', { token: inv.token, password: 'another password 123' });
      expect([again.status, again.body.error.code]).toEqual([400, 'INVITATION_INVALID']);
      expect((await gw.as().get(`/invitations/lookup?token=${inv.token}`)).status).toBe(400);
    });

    it('is accepted once even when two acceptances race', async () => {
      const inv = await invite('race@shop.example');
      const both = await Promise.all(
        [1, 2].map(() =>
          gw.as().post('/invitations/accept', { token: inv.token, password: PASSWORD }),
        ),
      );
      expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    });

    it('stops working 24 hours after it was issued', async () => {
      const inv = await invite('late@shop.example');
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(inv.expires_at - 60_000);
      expect((await gw.as().get(`/invitations/lookup?token=${inv.token}`)).status).toBe(200);
      vi.setSystemTime(inv.expires_at + 1000);
      expect((await gw.as().get(`/invitations/lookup?token=${inv.token}`)).status).toBe(400);
      const r = await gw.as().post('/invitations/accept', { token: inv.token, password: PASSWORD });
      expect([r.status, r.body.error.code]).toEqual([400, 'INVITATION_INVALID']);
      vi.useRealTimers();
      // Still listed as pending, so an admin can regenerate it.
      const users = (await gw.as({ bearer: root }).get(`/accounts/${accountId}/users`)).body.users;
      expect(users.find((u: { id: string }) => u.id === inv.id)).toMatchObject({
        status: 'pending',
      });
    });

    it('regenerates a link: same invitation, a new token and 24 hours, and the old link dies', async () => {
      const first = await invite('lost@shop.example');
      const again = expectStatus(
        await gw
          .as({ bearer: root })
          .post(`/accounts/${accountId}/invitations/${first.id}/regenerate`),
        201,
      ).body;
      expect(again.id).toBe(first.id);
      expect(again.token).not.toBe(first.token);
      expect(again.expires_at).toBeGreaterThanOrEqual(first.expires_at);
      expect(
        (await gw.as().post('/invitations/accept', { token: first.token, password: PASSWORD }))
          .status,
      ).toBe(400);
      await accept(gw, again.token);
    });

    it('replaces an open invitation when the same person is invited again', async () => {
      const first = await invite('twice@shop.example', 'viewer');
      const second = await invite('twice@shop.example', 'admin');
      expect((await gw.as().get(`/invitations/lookup?token=${first.token}`)).status).toBe(400);
      const users = (await gw.as({ bearer: root }).get(`/accounts/${accountId}/users`)).body.users;
      expect(users.filter((u: { email: string }) => u.email === 'twice@shop.example')).toEqual([
        expect.objectContaining({ id: second.id, role: 'admin', status: 'pending' }),
      ]);
    });

    it('withdraws an invitation: the link dies and the pending user disappears', async () => {
      const inv = await invite('withdrawn@shop.example');
      expectStatus(
        await gw.as({ bearer: root }).delete(`/accounts/${accountId}/invitations/${inv.id}`),
        204,
      );
      expect((await gw.as().get(`/invitations/lookup?token=${inv.token}`)).status).toBe(400);
      expect(
        (await gw.as({ bearer: root }).delete(`/accounts/${accountId}/invitations/${inv.id}`))
          .status,
      ).toBe(404);
      const users = (await gw.as({ bearer: root }).get(`/accounts/${accountId}/users`)).body.users;
      expect(users.map((u: { email: string }) => u.email)).not.toContain('withdrawn@shop.example');
    });

    it('refuses to invite someone who is already in the account', async () => {
      await addAccountUser(gw, root, accountId, 'member@shop.example', 'viewer');
      const r = await gw.as({ bearer: root }).post(`/accounts/${accountId}/invitations`, {
        email: 'member@shop.example',
        role: 'admin',
      });
      expect([r.status, r.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);
    });

    it('gives an invited manager the pixels named in the invitation', async () => {
      await addPixel(gw, root, accountId, '5500001');
      await addPixel(gw, root, accountId, '5500002');
      const m = await addAccountUser(gw, root, accountId, 'pixelmanager@shop.example', 'manager', [
        '5500002',
      ]);
      const c = gw.as({ bearer: m.token });
      expect(
        (await c.patch(`/accounts/${accountId}/pixels/5500002`, { publishing: false })).status,
      ).toBe(200);
      expect(
        (await c.patch(`/accounts/${accountId}/pixels/5500001`, { publishing: false })).status,
      ).toBe(403);
    });

    it('asks someone who already signs in here for their current password, not a new one', async () => {
      const other = await createAccount(gw, root, 'Second shop');
      await addAccountUser(gw, root, accountId, 'both@shop.example', 'viewer');
      const inv = expectStatus(
        await gw
          .as({ bearer: root })
          .post(`/accounts/${other.id}/invitations`, { email: 'both@shop.example', role: 'admin' }),
        201,
      ).body;
      expect((await gw.as().get(`/invitations/lookup?token=${inv.token}`)).body.existing_user).toBe(
        true,
      );
      // Whoever holds the link cannot choose a new password for an existing person.
      const hijack = await gw
        .as()
        .post('/invitations/accept', { token: inv.token, password: 'attacker chosen pw' });
      expect([hijack.status, hijack.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      const ok = expectStatus(
        await gw.as().post('/invitations/accept', { token: inv.token, password: PASSWORD }),
        200,
      );
      expect(ok.body.accounts.map((a: { name: string }) => a.name).sort()).toEqual([
        'Lifecycle shop',
        'Second shop',
      ]);
      expect(await signIn(gw, 'both@shop.example', PASSWORD)).toBeTruthy();
    });

    it('rejects a made-up token', async () => {
      const r = await gw
        .as()
        .post('/invitations/accept', { token: 'not-a-real-token', password: PASSWORD });
      expect([r.status, r.body.error.code]).toEqual([400, 'INVITATION_INVALID']);
    });

    describe('unmanaged accounts', () => {
      it('stay in setup until the invited admin accepts, then become active', async () => {
        const created = await createAccount(gw, root, 'Own shop', false, 'owner@own.example');
        expect(created).toMatchObject({ status: 'setup', managed: false });
        const status = async () =>
          (await gw.as({ bearer: root }).get('/accounts')).body.accounts.find(
            (a: { id: string }) => a.id === created.id,
          ).status;
        expect(await status()).toBe('setup');
        const owner = await accept(gw, created.invitation!.token);
        expect(await status()).toBe('active');
        const users = (await gw.as({ cookie: owner.cookie }).get(`/accounts/${created.id}/users`))
          .body.users;
        expect(users).toEqual([
          expect.objectContaining({ email: 'owner@own.example', role: 'admin', status: 'active' }),
        ]);
      });

      it('let the host send a new setup link while in setup, to the same or another address', async () => {
        const created = await createAccount(gw, root, 'Slow shop', false, 'first@slow.example');
        const host = gw.as({ bearer: root });
        const again = expectStatus(
          await host.post(`/accounts/${created.id}/setup-invitation`, {}),
          201,
        ).body;
        expect(
          (await gw.as().get(`/invitations/lookup?token=${created.invitation!.token}`)).status,
        ).toBe(400);
        expect((await gw.as().get(`/invitations/lookup?token=${again.token}`)).body.email).toBe(
          'first@slow.example',
        );
        const moved = expectStatus(
          await host.post(`/accounts/${created.id}/setup-invitation`, {
            email: 'second@slow.example',
          }),
          201,
        ).body;
        expect((await gw.as().get(`/invitations/lookup?token=${again.token}`)).status).toBe(400);
        await accept(gw, moved.token);
        const late = await host.post(`/accounts/${created.id}/setup-invitation`, {});
        expect([late.status, late.body.error.code]).toEqual([409, 'CONFLICT']);
      });
    });

    describe('host invitations', () => {
      it('give host managers the accounts named in the invitation', async () => {
        const a = await createAccount(gw, root, 'Assigned');
        const b = await createAccount(gw, root, 'Not assigned');
        const inv = expectStatus(
          await gw.as({ bearer: root }).post('/host/invitations', {
            email: 'hm@host.example',
            role: 'manager',
            account_ids: [a.id],
          }),
          201,
        ).body;
        const listed = (await gw.as({ bearer: root }).get('/host/users')).body.users;
        expect(listed.find((u: { id: string }) => u.id === inv.id)).toMatchObject({
          status: 'pending',
          account_ids: [a.id],
        });
        const { cookie } = await accept(gw, inv.token);
        const mine = (await gw.as({ cookie }).get('/accounts')).body.accounts.map(
          (x: { id: string }) => x.id,
        );
        expect(mine).toContain(a.id);
        expect(mine).not.toContain(b.id);
      });

      it('can be regenerated and withdrawn like account invitations', async () => {
        const host = gw.as({ bearer: root });
        const inv = expectStatus(
          await host.post('/host/invitations', { email: 'hv@host.example', role: 'viewer' }),
          201,
        ).body;
        const again = expectStatus(
          await host.post(`/host/invitations/${inv.id}/regenerate`),
          201,
        ).body;
        expect((await gw.as().get(`/invitations/lookup?token=${inv.token}`)).status).toBe(400);
        expectStatus(await host.delete(`/host/invitations/${inv.id}`), 204);
        expect((await gw.as().get(`/invitations/lookup?token=${again.token}`)).status).toBe(400);
      });
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  PASSWORD,
  addAccountUser,
  addHostUser,
  addPixel,
  claim,
  createAccount,
  expectStatus,
  startGateway,
  type Gateway,
} from './harness.js';

// The people of an account and of the host: roles, pixel and account assignments, removal,
// and the rule that every account (and the host) keeps at least one admin.

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Users and roles on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    beforeAll(async () => {
      gw = await startGateway(dialect.name);
      root = await claim(gw);
    });
    afterAll(() => gw?.close());

    describe('every account keeps an admin', () => {
      it('refuses to demote or remove the last admin of an account (LAST_ADMIN)', async () => {
        const acc = await createAccount(gw, root, 'Solo shop');
        const admin = await addAccountUser(gw, root, acc.id, 'solo@solo.example', 'admin');
        const c = gw.as({ bearer: admin.token });
        const demote = await c.patch(`/accounts/${acc.id}/users/${admin.userId}`, {
          role: 'viewer',
        });
        expect([demote.status, demote.body.error.code]).toEqual([409, 'LAST_ADMIN']);
        const remove = await gw
          .as({ bearer: root })
          .delete(`/accounts/${acc.id}/users/${admin.userId}`);
        expect([remove.status, remove.body.error.code]).toEqual([409, 'LAST_ADMIN']);
        const users = (await c.get(`/accounts/${acc.id}/users`)).body.users;
        expect(users).toEqual([expect.objectContaining({ id: admin.userId, role: 'admin' })]);
      });

      it('lets one of two admins step down, then protects the other', async () => {
        const acc = await createAccount(gw, root, 'Duo shop');
        const a = await addAccountUser(gw, root, acc.id, 'a@duo.example', 'admin');
        const b = await addAccountUser(gw, root, acc.id, 'b@duo.example', 'admin');
        const c = gw.as({ bearer: a.token });
        expectStatus(
          await c.patch(`/accounts/${acc.id}/users/${a.userId}`, { role: 'viewer' }),
          200,
        );
        expect(
          (await gw.as({ bearer: b.token }).delete(`/accounts/${acc.id}/users/${b.userId}`)).status,
        ).toBe(409);
      });

      it('keeps one admin when two admins are demoted at the same time', async () => {
        const acc = await createAccount(gw, root, 'Race shop');
        const a = await addAccountUser(gw, root, acc.id, 'a@race.example', 'admin');
        const b = await addAccountUser(gw, root, acc.id, 'b@race.example', 'admin');
        const host = gw.as({ bearer: root });
        const results = await Promise.all(
          [a, b].map((u) =>
            host.patch(`/accounts/${acc.id}/users/${u.userId}`, { role: 'viewer' }),
          ),
        );
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const admins = (await host.get(`/accounts/${acc.id}/users`)).body.users.filter(
          (u: { role: string }) => u.role === 'admin',
        );
        expect(admins).toHaveLength(1);
      });

      it('keeps one host admin (LAST_HOST_ADMIN)', async () => {
        const me = (await gw.as({ bearer: root }).get('/me')).body.user.id;
        const r = await gw.as({ bearer: root }).patch(`/host/users/${me}`, { role: 'viewer' });
        expect([r.status, r.body.error.code]).toEqual([409, 'LAST_HOST_ADMIN']);
        const gone = await gw.as({ bearer: root }).delete(`/host/users/${me}`);
        expect([gone.status, gone.body.error.code]).toEqual([409, 'LAST_HOST_ADMIN']);
      });
    });

    it("changes a manager's pixels, and clears them when the role changes", async () => {
      const acc = await createAccount(gw, root, 'Pixel shop');
      await addPixel(gw, root, acc.id, '6600001');
      await addPixel(gw, root, acc.id, '6600002');
      const m = await addAccountUser(gw, root, acc.id, 'm@pixel.example', 'manager', ['6600001']);
      const host = gw.as({ bearer: root });
      const path = `/accounts/${acc.id}/users/${m.userId}`;
      expect((await host.patch(path, { pixel_ids: ['6600002'] })).body.pixel_ids).toEqual([
        '6600002',
      ]);
      const asManager = gw.as({ bearer: m.token });
      expect(
        (await asManager.patch(`/accounts/${acc.id}/pixels/6600001`, { publishing: false })).status,
      ).toBe(403);
      expect(
        (await asManager.patch(`/accounts/${acc.id}/pixels/6600002`, { publishing: false })).status,
      ).toBe(200);
      const unknown = await host.patch(path, { pixel_ids: ['7777777'] });
      expect([unknown.status, unknown.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await host.patch(path, { role: 'viewer' })).body).toMatchObject({
        role: 'viewer',
        pixel_ids: null,
      });
      expect((await host.patch(path, { role: 'manager' })).body.pixel_ids).toEqual([]);
      const notManager = await host.patch(path, { role: 'viewer', pixel_ids: ['6600001'] });
      expect(notManager.status).toBe(400);
    });

    it('removes a person from an account, and forgets them when they belong nowhere else', async () => {
      const one = await createAccount(gw, root, 'One');
      const two = await createAccount(gw, root, 'Two');
      const only = await addAccountUser(gw, root, one.id, 'only@one.example', 'viewer');
      const both = await addAccountUser(gw, root, one.id, 'both@one.example', 'viewer');
      await gw
        .as({ bearer: root })
        .post(`/accounts/${two.id}/invitations`, { email: 'both@one.example', role: 'viewer' })
        .then(async (r) => {
          await gw.as().post('/invitations/accept', { token: r.body.token, password: PASSWORD });
        });
      for (const u of [only, both])
        expectStatus(
          await gw.as({ bearer: root }).delete(`/accounts/${one.id}/users/${u.userId}`),
          204,
        );
      // Belonging nowhere: their sessions end and they cannot sign in.
      expect((await gw.as({ bearer: only.token }).get('/me')).status).toBe(401);
      expect(
        (await gw.as().post('/auth/login', { email: 'only@one.example', password: PASSWORD }))
          .status,
      ).toBe(401);
      // Still in another account: signed in, and no longer sees the first.
      const me = (await gw.as({ bearer: both.token }).get('/me')).body;
      expect(me.accounts.map((a: { id: string }) => a.id)).toEqual([two.id]);
      expect((await gw.as({ bearer: both.token }).get(`/accounts/${one.id}`)).status).toBe(404);
    });

    describe('reset links', () => {
      it('are refused for someone who also has access the admin does not manage', async () => {
        const acc = await createAccount(gw, root, 'Takeover shop', false, 'owner@takeover.example');
        const owner = await gw
          .as()
          .post('/invitations/accept', { token: acc.invitation!.token, password: PASSWORD });
        const ownerToken = owner.cookies.find((c) => c.name === 'capgw_session')!.value;
        const ownerCsrf = owner.body.csrf_token;
        // The account admin invites a host admin's address; the host admin accepts with their password.
        const hostAdmin = await addHostUser(gw, root, 'victim@host.example', 'admin');
        const inv = await gw
          .as({ cookie: ownerToken, csrf: ownerCsrf })
          .post(`/accounts/${acc.id}/invitations`, {
            email: 'victim@host.example',
            role: 'viewer',
          });
        expectStatus(
          await gw.as().post('/invitations/accept', { token: inv.body.token, password: PASSWORD }),
          200,
        );
        const r = await gw
          .as({ cookie: ownerToken, csrf: ownerCsrf })
          .post(`/accounts/${acc.id}/users/${hostAdmin.userId}/reset-link`);
        expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
        expect(JSON.stringify(r.body)).not.toContain('/hub/#/reset/');
      });

      it('stop working when the person is given access somewhere else', async () => {
        const acc = await createAccount(gw, root, 'Stale link shop', false, 'boss@stale.example');
        const boss = await gw
          .as()
          .post('/invitations/accept', { token: acc.invitation!.token, password: PASSWORD });
        const asBoss = gw.as({
          cookie: boss.cookies.find((c) => c.name === 'capgw_session')!.value,
          csrf: boss.body.csrf_token,
        });
        const inv = await asBoss.post(`/accounts/${acc.id}/invitations`, {
          email: 'rising@stale.example',
          role: 'viewer',
        });
        const member = await gw
          .as()
          .post('/invitations/accept', { token: inv.body.token, password: PASSWORD });
        const reset = expectStatus(
          await asBoss.post(`/accounts/${acc.id}/users/${member.body.user.id}/reset-link`),
          201,
        ).body;
        // Later the host makes the same person a host admin; the account admin's old link must not reach that far.
        const promote = await gw
          .as({ bearer: root })
          .post('/host/invitations', { email: 'rising@stale.example', role: 'admin' });
        expectStatus(
          await gw
            .as()
            .post('/invitations/accept', { token: promote.body.token, password: PASSWORD }),
          200,
        );
        const r = await gw
          .as()
          .post('/auth/reset', { token: reset.token, password: 'taken over by boss' });
        expect([r.status, r.body.error.code]).toEqual([400, 'INVITATION_INVALID']);
      });

      it("let the host admin reset a host user's password and make the old one stop working", async () => {
        const viewer = await addHostUser(gw, root, 'hv@reset.example', 'viewer', []);
        const link = expectStatus(
          await gw.as({ bearer: root }).post(`/host/users/${viewer.userId}/reset-link`),
          201,
        ).body;
        expect(link.link).toContain('/hub/#/reset/');
        expectStatus(
          await gw.as().post('/auth/reset', { token: link.token, password: 'reset by the host 1' }),
          200,
        );
        expect((await gw.as({ bearer: viewer.token }).get('/me')).status).toBe(401);
        expect(
          (
            await gw
              .as()
              .post('/auth/login', { email: 'hv@reset.example', password: 'reset by the host 1' })
          ).status,
        ).toBe(200);
      });
    });

    describe('host users', () => {
      it('lists host users with roles and assigned accounts, and changes them', async () => {
        const acc = await createAccount(gw, root, 'Assigned shop');
        const m = await addHostUser(gw, root, 'hm@users.example', 'manager', [acc.id]);
        const host = gw.as({ bearer: root });
        const row = (await host.get('/host/users')).body.users.find(
          (u: { id: string }) => u.id === m.userId,
        );
        expect(row).toEqual({
          id: m.userId,
          email: 'hm@users.example',
          role: 'manager',
          status: 'active',
          account_ids: [acc.id],
          expires_at: null,
        });
        expect(
          (await host.patch(`/host/users/${m.userId}`, { account_ids: [] })).body.account_ids,
        ).toEqual([]);
        expect((await gw.as({ bearer: m.token }).get(`/accounts/${acc.id}`)).status).toBe(404);
        expect((await host.patch(`/host/users/${m.userId}`, { role: 'admin' })).body).toMatchObject(
          {
            role: 'admin',
            account_ids: null,
          },
        );
        expect((await gw.as({ bearer: m.token }).get(`/accounts/${acc.id}`)).status).toBe(200);
        expectStatus(await host.delete(`/host/users/${m.userId}`), 204);
        expect((await gw.as({ bearer: m.token }).get('/me')).status).toBe(401);
      });

      it('refuses unknown accounts in assignments', async () => {
        const r = await gw.as({ bearer: root }).post('/host/invitations', {
          email: 'x@users.example',
          role: 'viewer',
          account_ids: ['acc_nope'],
        });
        expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      });
    });
  });
}

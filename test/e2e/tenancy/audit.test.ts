import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  PASSWORD,
  addAccountUser,
  addPixel,
  claim,
  createAccount,
  acceptAsNewPerson,
  expectStatus,
  startGateway,
  type Gateway,
} from './harness.js';

// The audit log: every configuration change with who, what, when and before/after, never a
// secret; readable by the admins of its scope only.

interface Entry {
  id: number;
  at: number;
  account_id: string | null;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  target: string | null;
  before: any;
  after: any;
}

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Audit log on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    let accountId: string;
    const secrets: string[] = [PASSWORD];
    let started: number;

    beforeAll(async () => {
      gw = await startGateway(dialect.name);
      started = Date.now();
      root = await claim(gw);
      const host = gw.as({ bearer: root });
      accountId = (await createAccount(gw, root, 'Audited shop')).id;
      const pixel = await addPixel(gw, root, accountId, '3300001');
      secrets.push('EAAsecret-token-3300001', pixel.access_key);
      expectStatus(
        await host.patch(`/accounts/${accountId}/pixels/3300001`, {
          publishing: false,
          access_token: 'EAAreplacement-token-9876',
        }),
        200,
      );
      secrets.push('EAAreplacement-token-9876');
      secrets.push(
        (await host.post(`/accounts/${accountId}/pixels/3300001/access-key`)).body.access_key,
      );
      const inv = expectStatus(
        await host.post(`/accounts/${accountId}/invitations`, {
          email: 'who@audit.example',
          role: 'viewer',
        }),
        201,
      );
      secrets.push(inv.body.token);
      const regen = expectStatus(
        await host.post(`/accounts/${accountId}/invitations/${inv.body.id}/regenerate`),
        201,
      );
      secrets.push(regen.body.token);
      const { userId } = await acceptAsNewPerson(gw, regen.body.token, 'who@audit.example');
      expectStatus(
        await host.patch(`/accounts/${accountId}/users/${userId}`, { role: 'admin' }),
        200,
      );
      secrets.push(
        (await host.post(`/accounts/${accountId}/users/${userId}/reset-link`)).body.token,
      );
      const domain = expectStatus(
        await host.post(`/accounts/${accountId}/domains`, {
          hostname: 'blocked.audit.example',
          kind: 'blocked',
        }),
        201,
      );
      expectStatus(await host.delete(`/accounts/${accountId}/domains/${domain.body.id}`), 204);
      expectStatus(await host.patch(`/accounts/${accountId}`, { name: 'Audited shop 2' }), 200);
      expectStatus(
        await host.patch('/host/settings', {
          name: 'Audit host',
          smtp: { url: 'smtp://u:smtp-pass-xyz@127.0.0.1:2525', from: 'a@b.example' },
        }),
        200,
      );
      secrets.push('smtp-pass-xyz');
      const api = expectStatus(
        await host.post('/api-accounts', { name: 'AuditBot', password: PASSWORD }),
        201,
      );
      secrets.push(api.body.secret);
      expectStatus(await host.delete(`/api-accounts/${api.body.id}`), 204);
      expectStatus(
        await host.post('/host/invitations', { email: 'ops@audit.example', role: 'viewer' }),
        201,
      );
    });
    afterAll(() => gw?.close());

    const read = async (query = '') =>
      expectStatus(await gw.as({ bearer: root }).get(`/audit${query}`), 200).body
        .entries as Entry[];

    it('records each change to an account with who, what, when, and before/after', async () => {
      const entries = await read(`?account_id=${accountId}&limit=200`);
      expect(entries.map((e) => e.action).reverse()).toEqual([
        'pixel.create',
        'pixel.update',
        'pixel.rotate_access_key',
        'invitation.create',
        'invitation.regenerate',
        'invitation.accept',
        'user.update',
        'user.reset_link',
        'domain.create',
        'domain.delete',
        'account.update',
      ]);
      const update = entries.find((e) => e.action === 'pixel.update')!;
      expect(update.actor).toMatchObject({ kind: 'user', label: 'root@host.example' });
      expect(update.target).toBe('pixel:3300001');
      expect(update.at).toBeGreaterThanOrEqual(started);
      expect(update.at).toBeLessThanOrEqual(Date.now());
      expect(update.before).toMatchObject({ publishing: true, token_last4: '0001' });
      expect(update.after).toMatchObject({ publishing: false, access_token: '…9876' });
      const role = entries.find((e) => e.action === 'user.update')!;
      expect([role.before.role, role.after.role]).toEqual(['viewer', 'admin']);
      expect(entries.find((e) => e.action === 'invitation.accept')!.actor.label).toBe(
        'who@audit.example',
      );
    });

    it("records the host's own changes in the host log", async () => {
      const actions = (await read('?limit=200')).map((e) => e.action);
      for (const a of [
        'host.claim',
        'account.create',
        'host.settings.update',
        'api_account.create',
        'api_account.delete',
        'host.invitation.create',
      ])
        expect(actions).toContain(a);
      expect(actions).not.toContain('pixel.create');
    });

    it('never keeps a secret: tokens, keys, links, passwords, hashes', async () => {
      const everything = JSON.stringify([
        await read('?limit=200'),
        await read(`?account_id=${accountId}&limit=200`),
      ]);
      for (const s of secrets) expect(everything).not.toContain(s);
      expect(everything).not.toMatch(/\$argon2|accessKeyHash|accessTokenEnc|url_enc|tokenHash/);
      const stored = JSON.stringify(
        await gw.app.gw.store.connection.run((db) =>
          db.select().from(gw.app.gw.store.connection.tables.auditLog),
        ),
      );
      for (const s of secrets) expect(stored).not.toContain(s);
    });

    it('pages newest first with next_before', async () => {
      const first = expectStatus(
        await gw.as({ bearer: root }).get(`/audit?account_id=${accountId}&limit=4`),
        200,
      ).body;
      expect(first.entries).toHaveLength(4);
      const second = expectStatus(
        await gw
          .as({ bearer: root })
          .get(`/audit?account_id=${accountId}&limit=4&before=${first.next_before}`),
        200,
      ).body;
      const ids = [...first.entries, ...second.entries].map((e: Entry) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(8);
      expect(
        (await read(`?account_id=${accountId}&limit=200`)).slice(0, 8).map((e) => e.id),
      ).toEqual(ids);
    });

    it('is readable by the admins of its scope only', async () => {
      const admin = await addAccountUser(gw, root, accountId, 'reader@audit.example', 'admin');
      const viewer = await addAccountUser(gw, root, accountId, 'peeker@audit.example', 'viewer');
      const other = await createAccount(gw, root, 'Other audited');
      const asAdmin = gw.as({ bearer: admin.token });
      expect((await asAdmin.get(`/audit?account_id=${accountId}`)).status).toBe(200);
      expect((await asAdmin.get('/audit')).status).toBe(403);
      expect((await asAdmin.get(`/audit?account_id=${other.id}`)).status).toBe(404);
      expect(
        (await gw.as({ bearer: viewer.token }).get(`/audit?account_id=${accountId}`)).status,
      ).toBe(403);
    });

    it("keeps an unmanaged account's log from the host, and shows it to the account's admin", async () => {
      const acc = await createAccount(
        gw,
        root,
        'Private audit',
        false,
        'owner@private-audit.example',
      );
      const owner = await acceptAsNewPerson(
        gw,
        acc.invitation!.token,
        'owner@private-audit.example',
      );
      await addPixel(gw, owner.token, acc.id, '3300009');
      expect((await gw.as({ bearer: root }).get(`/audit?account_id=${acc.id}`)).status).toBe(404);
      const own = expectStatus(
        await gw.as({ bearer: owner.token }).get(`/audit?account_id=${acc.id}`),
        200,
      ).body.entries;
      expect(own.map((e: Entry) => e.action)).toEqual(['pixel.create', 'invitation.accept']);
    });
  });
}

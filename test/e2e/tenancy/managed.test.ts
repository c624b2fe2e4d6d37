import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  addAccountUser,
  addPixel,
  claim,
  createAccount,
  acceptAsNewPerson,
  expectStatus,
  sendBrowserEvent,
  startGateway,
  type Gateway,
} from './harness.js';

// Managed ↔ unmanaged (CONTRACT "Roles"): an account admin switches either way; a host admin
// can only ask for managed, and the account becomes managed when its admin consents.

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(
    `Managed and unmanaged accounts on ${dialect.name}`,
    () => {
      let gw: Gateway;
      let root: string;
      beforeAll(async () => {
        gw = await startGateway(dialect.name);
        root = await claim(gw);
      });
      afterAll(() => gw?.close());

      let pixelSeq = 0;
      async function unmanagedWithOwner(name: string) {
        const acc = await createAccount(
          gw,
          root,
          name,
          false,
          `owner@${name.toLowerCase()}.example`,
        );
        const owner = await acceptAsNewPerson(
          gw,
          acc.invitation!.token,
          `owner@${name.toLowerCase()}.example`,
        );
        await addPixel(gw, owner.token, acc.id, `88000${++pixelSeq}`);
        return { id: acc.id, owner: owner.token };
      }

      it('becomes managed only when the account admin consents to the host request', async () => {
        const { id, owner } = await unmanagedWithOwner('Consent');
        const host = gw.as({ bearer: root });
        const asked = await host.post(`/accounts/${id}/managed`, { managed: true });
        expect(asked.status).toBe(202);
        expect(asked.body).toMatchObject({ managed: false, manage_requested: true });
        // Asking does not open the door.
        expect((await host.get(`/accounts/${id}/pixels`)).status).toBe(404);
        const seenByOwner = (await gw.as({ bearer: owner }).get(`/accounts/${id}`)).body;
        expect(seenByOwner).toMatchObject({ managed: false, manage_requested: true });
        const consent = expectStatus(
          await gw.as({ bearer: owner }).post(`/accounts/${id}/managed`, { managed: true }),
          200,
        );
        expect(consent.body).toMatchObject({ managed: true, manage_requested: false });
        expect((await host.get(`/accounts/${id}/pixels`)).status).toBe(200);
      });

      it('lets the account admin decline a request by staying unmanaged', async () => {
        const { id, owner } = await unmanagedWithOwner('Decline');
        await gw.as({ bearer: root }).post(`/accounts/${id}/managed`, { managed: true });
        const no = expectStatus(
          await gw.as({ bearer: owner }).post(`/accounts/${id}/managed`, { managed: false }),
          200,
        );
        expect(no.body).toMatchObject({ managed: false, manage_requested: false });
        expect((await gw.as({ bearer: root }).get(`/accounts/${id}`)).status).toBe(404);
      });

      it('lets the account admin take a managed account back at any time, shutting the host out', async () => {
        const acc = await createAccount(gw, root, 'Takeback');
        const admin = await addAccountUser(gw, root, acc.id, 'admin@takeback.example', 'admin');
        const host = gw.as({ bearer: root });
        expect((await host.get(`/accounts/${acc.id}/users`)).status).toBe(200);
        expectStatus(
          await gw
            .as({ bearer: admin.token })
            .post(`/accounts/${acc.id}/managed`, { managed: false }),
          200,
        );
        expect((await host.get(`/accounts/${acc.id}/users`)).status).toBe(404);
        const row = (await host.get('/accounts')).body.accounts.find(
          (a: { id: string }) => a.id === acc.id,
        );
        expect(row).toMatchObject({ managed: false, status: 'active' });
      });

      it('does not let the host make a managed account unmanaged, or ask twice into a changed state', async () => {
        const acc = await createAccount(gw, root, 'Hosted');
        const r = await gw
          .as({ bearer: root })
          .post(`/accounts/${acc.id}/managed`, { managed: false });
        expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
        const { id } = await unmanagedWithOwner('Outsider');
        const wrongWay = await gw
          .as({ bearer: root })
          .post(`/accounts/${id}/managed`, { managed: false });
        expect([wrongWay.status, wrongWay.body.error.code]).toEqual([409, 'CONFLICT']);
      });

      it('lets host managers reach a managed account only while it stays managed', async () => {
        const acc = await createAccount(gw, root, 'Switching');
        const admin = await addAccountUser(gw, root, acc.id, 'admin@switching.example', 'admin');
        const inv = await gw.as({ bearer: root }).post('/host/invitations', {
          email: 'hm@switching.example',
          role: 'manager',
          account_ids: [acc.id],
        });
        const manager = await acceptAsNewPerson(gw, inv.body.token, 'hm@switching.example');
        expect((await gw.as({ bearer: manager.token }).get(`/accounts/${acc.id}`)).status).toBe(
          200,
        );
        await gw
          .as({ bearer: admin.token })
          .post(`/accounts/${acc.id}/managed`, { managed: false });
        expect((await gw.as({ bearer: manager.token }).get(`/accounts/${acc.id}`)).status).toBe(
          404,
        );
        expect((await gw.as({ bearer: manager.token }).get('/accounts')).body.accounts).toEqual([]);
      });

      describe('lifecycle', () => {
        it('deactivates and reactivates an account; a deactivated account refuses events', async () => {
          const acc = await createAccount(gw, root, 'Sleepy');
          await addPixel(gw, root, acc.id, '8900001');
          const host = gw.as({ bearer: root });
          const send = async () => (await sendBrowserEvent(gw, '8900001')).status;
          expect(await send()).toBe(202);
          expect(
            (await host.patch(`/accounts/${acc.id}`, { status: 'deactivated' })).body.status,
          ).toBe('deactivated');
          expect(await send()).toBe(404);
          expect((await host.patch(`/accounts/${acc.id}`, { status: 'active' })).body.status).toBe(
            'active',
          );
          expect(await send()).toBe(202);
        });

        it('deletes an account with its pixels, domains and people who belong nowhere else', async () => {
          const acc = await createAccount(gw, root, 'Doomed');
          await addPixel(gw, root, acc.id, '8900002');
          const admin = await addAccountUser(gw, root, acc.id, 'admin@doomed.example', 'admin');
          await gw.as({ bearer: root }).post(`/accounts/${acc.id}/domains`, {
            hostname: 't.doomed.example',
            kind: 'first_party',
          });
          expectStatus(await gw.as({ bearer: admin.token }).delete(`/accounts/${acc.id}`), 204);
          expect((await gw.as({ bearer: root }).get(`/accounts/${acc.id}`)).status).toBe(404);
          expect((await gw.as({ bearer: admin.token }).get('/me')).status).toBe(401);
          // The pixel and the hostname are free for another account.
          const again = await createAccount(gw, root, 'Reborn');
          await addPixel(gw, root, again.id, '8900002');
          expectStatus(
            await gw.as({ bearer: root }).post(`/accounts/${again.id}/domains`, {
              hostname: 't.doomed.example',
              kind: 'first_party',
            }),
            201,
          );
        });

        it('lets the host delete an unmanaged account it cannot look into', async () => {
          const { id } = await unmanagedWithOwner('Unwanted');
          expectStatus(await gw.as({ bearer: root }).delete(`/accounts/${id}`), 204);
          expect(
            (await gw.as({ bearer: root }).get('/accounts')).body.accounts.map(
              (a: { id: string }) => a.id,
            ),
          ).not.toContain(id);
        });
      });
    },
  );
}

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DIALECTS,
  PASSWORD,
  claim,
  createAccount,
  acceptAsNewPerson,
  expectStatus,
  startGateway,
  type Gateway,
} from './harness.js';

// API accounts (Meta's control-plane clients): created by a host admin who re-enters their
// password, secret shown once, traded at POST /clients/token for a 10-hour bearer token that
// acts with host-admin rights.

const TEN_HOURS = 10 * 3600_000;

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(
    `API accounts and /clients/token on ${dialect.name}`,
    () => {
      let gw: Gateway;
      let root: string;
      let secret: string;
      beforeAll(async () => {
        gw = await startGateway(dialect.name);
        root = await claim(gw);
        secret = expectStatus(
          await gw
            .as({ bearer: root })
            .post('/api-accounts', { name: 'Partner1', password: PASSWORD }),
          201,
        ).body.secret;
      });
      afterAll(() => gw?.close());
      afterEach(() => vi.useRealTimers());

      const formToken = (body: Record<string, string>) =>
        gw.app.inject({
          method: 'POST',
          url: '/clients/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(body).toString(),
        });

      it('shows the secret once, at creation, and never in the list', async () => {
        const list = expectStatus(await gw.as({ bearer: root }).get('/api-accounts'), 200).body
          .api_accounts;
        expect(list).toEqual([
          { id: expect.any(String), name: 'Partner1', created_at: expect.any(Number) },
        ]);
        expect(JSON.stringify(list)).not.toContain(secret);
      });

      it('asks the host admin to re-enter their password', async () => {
        const r = await gw
          .as({ bearer: root })
          .post('/api-accounts', { name: 'Partner2', password: 'not my password' });
        expect([r.status, r.body.error.code]).toEqual([403, 'WRONG_PASSWORD']);
      });

      it('takes names of at most 20 letters and digits, each name once', async () => {
        const c = gw.as({ bearer: root });
        for (const name of ['has space', 'dash-ed', 'A'.repeat(21), ''])
          expect([
            (await c.post('/api-accounts', { name, password: PASSWORD })).status,
            name,
          ]).toEqual([400, name]);
        expect(
          (await c.post('/api-accounts', { name: 'A'.repeat(20), password: PASSWORD })).status,
        ).toBe(201);
        const twice = await c.post('/api-accounts', { name: 'Partner1', password: PASSWORD });
        expect([twice.status, twice.body.error.code]).toEqual([409, 'API_ACCOUNT_EXISTS']);
      });

      it('trades name and secret for a 10-hour bearer token, as a form (Meta) or as JSON', async () => {
        const form = await formToken({
          client_id: 'Partner1',
          client_secret: secret,
          grant_type: 'client_credentials',
        });
        expect(form.statusCode).toBe(200);
        const body = form.json();
        expect(body).toEqual({
          token: body.token,
          access_token: body.token,
          token_type: 'bearer',
          expires_in: 36000,
        });
        expect(form.headers['cache-control']).toBe('no-store');
        const json = await gw.as().post('/clients/token', {
          client_id: 'Partner1',
          client_secret: secret,
          grant_type: 'client_credentials',
        });
        expect(json.status).toBe(200);
        expect(json.body.token).not.toBe(body.token);
      });

      it('refuses a wrong secret and an unknown name alike, and other grant types', async () => {
        const wrong = await formToken({
          client_id: 'Partner1',
          client_secret: 'nope',
          grant_type: 'client_credentials',
        });
        const unknown = await formToken({
          client_id: 'Nobody',
          client_secret: secret,
          grant_type: 'client_credentials',
        });
        expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
        expect(wrong.json()).toEqual(unknown.json());
        expect(wrong.json().error.code).toBe('INVALID_CLIENT');
        const grant = await formToken({
          client_id: 'Partner1',
          client_secret: secret,
          grant_type: 'password',
        });
        expect([grant.statusCode, grant.json().error.code]).toEqual([
          400,
          'UNSUPPORTED_GRANT_TYPE',
        ]);
      });

      it('acts with host-admin rights through /api/v1, and is named in the audit log', async () => {
        const token = (
          await formToken({
            client_id: 'Partner1',
            client_secret: secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        const api = gw.as({ bearer: token });
        expect((await api.get('/me')).body).toMatchObject({
          api_account: { name: 'Partner1' },
          host_role: 'admin',
        });
        const acc = expectStatus(
          await api.post('/accounts', { name: 'Made by API', managed: true }),
          201,
        ).body;
        expectStatus(
          await api.post(`/accounts/${acc.id}/pixels`, {
            pixel_id: '4400001',
            access_token: 'EAAapi-made-token',
          }),
          201,
        );
        expect((await api.get('/host/users')).status).toBe(200);
        const log = (await gw.as({ bearer: root }).get('/audit')).body.entries;
        expect(
          log.find((e: { action: string }) => e.action === 'account.create').actor,
        ).toMatchObject({
          kind: 'api',
          label: 'api:Partner1',
        });
      });

      it('sees no more than a host admin: nothing inside an unmanaged account', async () => {
        const token = (
          await formToken({
            client_id: 'Partner1',
            client_secret: secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        const acc = await createAccount(gw, root, 'Private', false, 'own@private.example');
        await acceptAsNewPerson(gw, acc.invitation!.token, 'own@private.example');
        expect((await gw.as({ bearer: token }).get(`/accounts/${acc.id}/pixels`)).status).toBe(404);
      });

      it('cannot mint further API accounts (only a person vouches with a password)', async () => {
        const token = (
          await formToken({
            client_id: 'Partner1',
            client_secret: secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        const r = await gw
          .as({ bearer: token })
          .post('/api-accounts', { name: 'Child', password: PASSWORD });
        expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
      });

      it('expires its token after 10 hours', async () => {
        const token = (
          await formToken({
            client_id: 'Partner1',
            client_secret: secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        const issued = Date.now();
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(issued + TEN_HOURS - 60_000);
        expect((await gw.as({ bearer: token }).get('/accounts')).status).toBe(200);
        vi.setSystemTime(issued + TEN_HOURS + 1000);
        expect((await gw.as({ bearer: token }).get('/accounts')).status).toBe(401);
      });

      it('ends every token when the API account is deleted', async () => {
        const made = expectStatus(
          await gw
            .as({ bearer: root })
            .post('/api-accounts', { name: 'Temporary', password: PASSWORD }),
          201,
        ).body;
        const token = (
          await formToken({
            client_id: 'Temporary',
            client_secret: made.secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        expect((await gw.as({ bearer: token }).get('/accounts')).status).toBe(200);
        expectStatus(await gw.as({ bearer: root }).delete(`/api-accounts/${made.id}`), 204);
        expect((await gw.as({ bearer: token }).get('/accounts')).status).toBe(401);
        const again = await formToken({
          client_id: 'Temporary',
          client_secret: made.secret,
          grant_type: 'client_credentials',
        });
        expect(again.statusCode).toBe(401);
      });

      it('signs an API account out everywhere', async () => {
        const t1 = (
          await formToken({
            client_id: 'Partner1',
            client_secret: secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        const t2 = (
          await formToken({
            client_id: 'Partner1',
            client_secret: secret,
            grant_type: 'client_credentials',
          })
        ).json().token;
        expectStatus(await gw.as({ bearer: t1 }).post('/auth/logout-all'), 200);
        expect((await gw.as({ bearer: t2 }).get('/accounts')).status).toBe(401);
      });
    },
  );
}

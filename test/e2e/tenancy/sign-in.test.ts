import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../../gateway/src/auth/totp.js';
import {
  DIALECTS,
  HOST_ADMIN_EMAIL,
  PASSWORD,
  addAccountUser,
  addHostUser,
  claim,
  cookieSignIn,
  createAccount,
  expectStatus,
  signIn,
  startGateway,
  type Gateway,
} from './harness.js';

/** A six-digit code that is none of the three codes valid right now. */
function wrongCode(secret: string): string {
  const valid = [-30_000, 0, 30_000].map((d) => totpAt(secret, Date.now() + d));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.includes(code)) return code;
  }
}

// Signing in and staying safe: CSRF on cookie writes, lockout after five failures, a per-IP
// rate limit, TOTP as a second factor, password change, and signing out everywhere.

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Sign-in security on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    let accountId: string;
    beforeAll(async () => {
      gw = await startGateway(dialect.name);
      root = await claim(gw);
      accountId = (await createAccount(gw, root, 'Secure shop')).id;
    });
    afterAll(() => gw?.close());

    describe('CSRF', () => {
      it('refuses a cookie-authenticated write without the x-csrf-token header', async () => {
        const { cookie, csrf } = await cookieSignIn(gw, HOST_ADMIN_EMAIL);
        const without = await gw.as({ cookie }).patch(`/accounts/${accountId}`, { name: 'Forged' });
        expect([without.status, without.body.error.code]).toEqual([403, 'CSRF_FAILED']);
        const wrong = await gw
          .as({ cookie, csrf: 'x'.repeat(43) })
          .patch(`/accounts/${accountId}`, { name: 'Forged' });
        expect(wrong.status).toBe(403);
        expect((await gw.as({ cookie }).get(`/accounts/${accountId}`)).body.name).toBe(
          'Secure shop',
        );
        const ok = await gw
          .as({ cookie, csrf })
          .patch(`/accounts/${accountId}`, { name: 'Secure shop' });
        expect(ok.status).toBe(200);
      });

      it('sets an httpOnly, SameSite=Strict session cookie', async () => {
        const r = await gw.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: HOST_ADMIN_EMAIL, password: PASSWORD },
        });
        const setCookie = String(r.headers['set-cookie']);
        expect(setCookie).toMatch(/capgw_session=/);
        expect(setCookie).toMatch(/HttpOnly/);
        expect(setCookie).toMatch(/SameSite=Strict/);
      });

      it('does not accept a cookie token sent as a bearer token (that would skip CSRF)', async () => {
        const { cookie } = await cookieSignIn(gw, HOST_ADMIN_EMAIL);
        expect((await gw.as({ bearer: cookie }).get('/me')).status).toBe(401);
      });
    });

    describe('lockout', () => {
      it('locks a person out for 15 minutes after five wrong passwords, even with the right one', async () => {
        await addAccountUser(gw, root, accountId, 'guessme@secure.example', 'viewer');
        const attempt = (password: string) =>
          gw.as().post('/auth/login', { email: 'guessme@secure.example', password });
        for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).status).toBe(401);
        const locked = await attempt(PASSWORD);
        expect([locked.status, locked.body.error.code]).toEqual([429, 'ACCOUNT_LOCKED']);
        const user = await gw.app.gw.store.users.byEmail('guessme@secure.example');
        expect(user!.lockedUntil! - Date.now()).toBeGreaterThan(14 * 60_000);
      });

      it('answers an unknown email like a wrong password', async () => {
        const r = await gw
          .as()
          .post('/auth/login', { email: 'ghost@secure.example', password: 'whatever it is' });
        expect([r.status, r.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
      });
    });

    describe('TOTP', () => {
      it('turns on after a first code, then asks for a code at sign-in', async () => {
        const { token, userId } = await addHostUser(gw, root, 'totp@host.example', 'admin');
        const me = gw.as({ bearer: token });
        const setup = expectStatus(await me.post('/auth/totp/setup'), 200).body;
        expect(setup.otpauth_url).toContain(`secret=${setup.secret}`);
        // Not on yet: sign-in still works without a code, and a wrong first code is refused.
        expect(
          (await gw.as().post('/auth/login', { email: 'totp@host.example', password: PASSWORD }))
            .status,
        ).toBe(200);
        const refused = await me.post('/auth/totp/enable', { code: wrongCode(setup.secret) });
        expect([refused.status, refused.body.error.code]).toEqual([400, 'TOTP_INVALID']);
        const first = totpAt(setup.secret, Date.now());
        expectStatus(await me.post('/auth/totp/enable', { code: first }), 200);
        expect((await me.get('/me')).body.user.totp_enabled).toBe(true);
        // The secret rests encrypted.
        const row = await gw.app.gw.store.users.byId(userId);
        expect(row!.totpSecretEnc).not.toContain(setup.secret);

        const login = (totp?: string) =>
          gw.as().post('/auth/login', {
            email: 'totp@host.example',
            password: PASSWORD,
            ...(totp ? { totp } : {}),
          });
        const needed = await login();
        expect([needed.status, needed.body.error.code]).toEqual([401, 'TOTP_REQUIRED']);
        // The code that enabled TOTP was used once already: replaying it fails.
        expect((await login(first)).body.error.code).toBe('TOTP_INVALID');
        // The next step's code works once.
        const next = totpAt(setup.secret, Date.now() + 30_000);
        expect((await login(next)).status).toBe(200);
        expect((await login(next)).body.error.code).toBe('TOTP_INVALID');
        // A wrong password is still a wrong password, code or not.
        expect(
          (
            await gw
              .as()
              .post('/auth/login', { email: 'totp@host.example', password: 'nope nope nope' })
          ).body.error.code,
        ).toBe('INVALID_CREDENTIALS');
      });

      it('turns off only with a current code', async () => {
        const { token } = await addHostUser(gw, root, 'totp-off@host.example', 'admin');
        const me = gw.as({ bearer: token });
        const { secret } = (await me.post('/auth/totp/setup')).body;
        await me.post('/auth/totp/enable', { code: totpAt(secret, Date.now()) });
        expect((await me.post('/auth/totp/disable', { code: '12345' })).status).toBe(400);
        expectStatus(
          await me.post('/auth/totp/disable', { code: totpAt(secret, Date.now() + 30_000) }),
          200,
        );
        expect(
          (
            await gw
              .as()
              .post('/auth/login', { email: 'totp-off@host.example', password: PASSWORD })
          ).status,
        ).toBe(200);
      });

      it('is refused to API accounts, which have no second factor', async () => {
        const api = (
          await gw
            .as({ bearer: root })
            .post('/api-accounts', { name: 'NoTotp', password: PASSWORD })
        ).body;
        const t = (
          await gw.as().post('/clients/token', {
            client_id: 'NoTotp',
            client_secret: api.secret,
            grant_type: 'client_credentials',
          })
        ).body.token;
        expect((await gw.as({ bearer: t }).post('/auth/totp/setup')).status).toBe(403);
      });
    });

    describe('passwords and sessions', () => {
      it('changes the password with the current one, ending every other session', async () => {
        await addAccountUser(gw, root, accountId, 'changer@secure.example', 'viewer');
        const other = await signIn(gw, 'changer@secure.example');
        const { cookie, csrf } = await cookieSignIn(gw, 'changer@secure.example');
        const me = gw.as({ cookie, csrf });
        const wrong = await me.post('/auth/password', {
          current_password: 'not it at all',
          new_password: 'a new long password',
        });
        expect([wrong.status, wrong.body.error.code]).toEqual([403, 'WRONG_PASSWORD']);
        expectStatus(
          await me.post('/auth/password', {
            current_password: PASSWORD,
            new_password: 'a new long password',
          }),
          200,
        );
        expect((await me.get('/me')).status).toBe(200);
        expect((await gw.as({ bearer: other }).get('/me')).status).toBe(401);
        expect(
          (
            await gw
              .as()
              .post('/auth/login', { email: 'changer@secure.example', password: PASSWORD })
          ).status,
        ).toBe(401);
        expect(await signIn(gw, 'changer@secure.example', 'a new long password')).toBeTruthy();
      });

      it('signs out here, or everywhere', async () => {
        await addAccountUser(gw, root, accountId, 'leaver@secure.example', 'viewer');
        const [a, b, c] = [
          await signIn(gw, 'leaver@secure.example'),
          await signIn(gw, 'leaver@secure.example'),
          await signIn(gw, 'leaver@secure.example'),
        ];
        expectStatus(await gw.as({ bearer: a }).post('/auth/logout'), 200);
        expect((await gw.as({ bearer: a }).get('/me')).status).toBe(401);
        expect((await gw.as({ bearer: b }).get('/me')).status).toBe(200);
        expectStatus(await gw.as({ bearer: b }).post('/auth/logout-all'), 200);
        for (const t of [b, c]) expect((await gw.as({ bearer: t }).get('/me')).status).toBe(401);
      });
    });
  });

  describe.runIf(await dialect.enabled())(`Sign-in rate limit on ${dialect.name}`, () => {
    let gw: Gateway;
    beforeAll(async () => {
      gw = await startGateway(dialect.name, { AUTH_RATE_LIMIT_PER_MINUTE: '8' });
      await claim(gw);
    });
    afterAll(() => gw?.close());

    it('limits sign-in attempts per client address across people, with Retry-After', async () => {
      const statuses: number[] = [];
      let last;
      // Different (unknown) emails each time: the per-person lockout cannot be what stops them.
      for (let i = 0; i < 10; i++) {
        last = await gw.as().post('/auth/login', {
          email: `spray${i}@nowhere.example`,
          password: 'guess guess guess',
        });
        statuses.push(last.status);
      }
      // claim() signed in once, so 7 more fit in this minute.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 429, 429, 429]);
      expect(last!.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('limits token, reset and invitation requests too', async () => {
      for (const [path, body] of [
        [
          '/clients/token',
          { client_id: 'x', client_secret: 'y', grant_type: 'client_credentials' },
        ],
        ['/auth/reset-request', { email: 'someone@nowhere.example' }],
        ['/auth/reset', { token: 'nope', password: 'long enough password' }],
        ['/invitations/accept', { token: 'nope', password: 'long enough password' }],
      ] as const) {
        const codes: number[] = [];
        for (let i = 0; i < 9; i++) codes.push((await gw.as().post(path, body)).status);
        expect([path, codes.at(-1)]).toEqual([path, 429]);
        expect([path, codes.slice(0, 8).includes(429)]).toEqual([path, false]);
      }
    });
  });
}

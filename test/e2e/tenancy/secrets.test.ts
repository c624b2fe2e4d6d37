import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../../gateway/src/auth/totp.js';
import {
  DIALECTS,
  HOST_ADMIN_EMAIL,
  PASSWORD,
  accept,
  addPixel,
  claim,
  createAccount,
  expectStatus,
  startGateway,
  type Gateway,
} from './harness.js';
import { startSmtpSink } from './smtp-sink.js';

// Secrets appear once, in the answer that creates them, and never in logs (even at trace),
// later answers or error messages. The flow below hands out every kind of secret there is and
// takes the paths that log: failed sign-ins, unreachable SMTP, refused tokens.

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Secrets on ${dialect.name}`, () => {
    const logs: string[] = [];
    const secrets: string[] = [PASSWORD];
    let gw: Gateway;
    let answers = '';

    beforeAll(async () => {
      const dead = await startSmtpSink();
      await dead.close();
      // An SMTP URL with a password, pointing at a closed port: sending fails and is logged.
      const smtpUrl = `smtp://mailer:env-smtp-password-1@127.0.0.1:${dead.port}`;
      secrets.push('env-smtp-password-1');
      gw = await startGateway(
        dialect.name,
        { SMTP_URL: smtpUrl, SMTP_FROM: 'gw@host.example' },
        logs,
      );
      const root = await claim(gw);
      secrets.push(root);
      const host = gw.as({ bearer: root });
      const record = (r: { body: unknown }) => ((answers += JSON.stringify(r.body)), r);

      await gw
        .as()
        .post('/auth/login', { email: HOST_ADMIN_EMAIL, password: 'wrong-password-typed' });
      secrets.push('wrong-password-typed');
      const acc = await createAccount(gw, root, 'Secretive shop');
      const pixel = await addPixel(gw, root, acc.id, '1200001');
      secrets.push('EAAsecret-token-1200001', pixel.access_key);
      record(
        await host.patch(`/accounts/${acc.id}/pixels/1200001`, {
          access_token: 'EAAsecond-secret-token',
        }),
      );
      secrets.push('EAAsecond-secret-token');
      secrets.push(
        (await host.post(`/accounts/${acc.id}/pixels/1200001/access-key`)).body.access_key,
      );
      const inv = expectStatus(
        await host.post(`/accounts/${acc.id}/invitations`, {
          email: 'p@secret.example',
          role: 'admin',
        }),
        201,
      );
      secrets.push(inv.body.token);
      const person = await accept(gw, inv.body.token);
      secrets.push(person.cookie, person.csrf);
      await gw.as().post('/auth/reset-request', { email: 'p@secret.example' });
      const reset = await host.post(`/accounts/${acc.id}/users/${person.userId}/reset-link`);
      secrets.push(reset.body.token);
      const api = expectStatus(
        await host.post('/api-accounts', { name: 'SecretBot', password: PASSWORD }),
        201,
      );
      secrets.push(api.body.secret);
      const token = await gw.as().post('/clients/token', {
        client_id: 'SecretBot',
        client_secret: api.body.secret,
        grant_type: 'client_credentials',
      });
      secrets.push(token.body.token);
      await gw.as().post('/clients/token', {
        client_id: 'SecretBot',
        client_secret: 'guessed-client-secret',
        grant_type: 'client_credentials',
      });
      secrets.push('guessed-client-secret');
      record(
        await host.patch('/host/settings', {
          smtp: { url: 'smtp://u:settings-smtp-password@127.0.0.1:1', from: 'x@y.example' },
        }),
      );
      secrets.push('settings-smtp-password');
      await host.post('/host/invitations', { email: 'late@secret.example', role: 'viewer' });
      const totp = (await host.post('/auth/totp/setup')).body.secret;
      secrets.push(totp);
      await host.post('/auth/totp/enable', { code: totpAt(totp, Date.now()) });
      // Every later answer a host admin can read.
      for (const path of [
        '/me',
        '/accounts',
        `/accounts/${acc.id}/pixels`,
        `/accounts/${acc.id}/users`,
        '/host/users',
        '/host/settings',
        '/api-accounts',
        '/audit?limit=200',
        `/audit?account_id=${acc.id}&limit=200`,
      ])
        record(await host.get(path));
      record(
        await gw.as().post('/invitations/accept', { token: inv.body.token, password: PASSWORD }),
      );
      record(await gw.as({ bearer: 'capgw_not-a-real-token' }).get('/me'));
      await new Promise((r) => setTimeout(r, 300)); // the reset email is sent after the reply
    });
    afterAll(() => gw?.close());

    it('logs something, but no secret, even at trace level', () => {
      const text = logs.join('');
      expect(text).toContain('configuration changed');
      expect(text).toContain('email not sent');
      for (const s of secrets) expect(text).not.toContain(s);
    });

    it('never repeats a secret in a later answer or an error message', () => {
      expect(answers.length).toBeGreaterThan(1000);
      for (const s of secrets) expect(answers).not.toContain(s);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  PASSWORD,
  accept,
  addAccountUser,
  claim,
  createAccount,
  expectStatus,
  signIn,
  startGateway,
  type Gateway,
} from './harness.js';
import { linkIn, startSmtpSink, type SmtpSink } from './smtp-sink.js';

// Invitation and reset emails, delivered to a real SMTP server on loopback (smtp-server):
// configured by SMTP_URL, or by the host settings, which win and keep the password encrypted.

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Email through SMTP on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    let accountId: string;
    let envSink: SmtpSink;
    let settingsSink: SmtpSink;

    beforeAll(async () => {
      envSink = await startSmtpSink();
      settingsSink = await startSmtpSink();
      gw = await startGateway(dialect.name, {
        SMTP_URL: envSink.url,
        SMTP_FROM: 'Gateway <gw@host.example>',
      });
      root = await claim(gw);
      accountId = (await createAccount(gw, root, 'Mail shop')).id;
    });
    afterAll(async () => {
      await gw?.close();
      await envSink?.close();
      await settingsSink?.close();
    });

    it('emails the invitation link, and still returns it to copy', async () => {
      const r = expectStatus(
        await gw.as({ bearer: root }).post(`/accounts/${accountId}/invitations`, {
          email: 'invitee@mail.example',
          role: 'viewer',
        }),
        201,
      );
      expect(r.body.emailed).toBe(true);
      const mail = await envSink.waitFor('invitee@mail.example');
      expect(mail.from).toBe('gw@host.example');
      expect(mail.text).toContain('Subject: Invitation to Mail shop');
      expect(linkIn(mail)).toBe(r.body.link);
      // The emailed link is the working one.
      await accept(gw, tokenOf(linkIn(mail)));
    });

    it('emails the new link when an invitation is regenerated', async () => {
      const host = gw.as({ bearer: root });
      const first = expectStatus(
        await host.post('/host/invitations', { email: 'regen@mail.example', role: 'viewer' }),
        201,
      ).body;
      const again = expectStatus(
        await host.post(`/host/invitations/${first.id}/regenerate`),
        201,
      ).body;
      expect(again.emailed).toBe(true);
      await expect
        .poll(() => envSink.mails.filter((m) => m.to.includes('regen@mail.example')).length)
        .toBe(2);
      const last = envSink.mails.filter((m) => m.to.includes('regen@mail.example')).at(-1)!;
      expect(linkIn(last)).toBe(again.link);
    });

    it('emails a password reset link on request, and the link sets a new password', async () => {
      const user = await addAccountUser(gw, root, accountId, 'forgetful@mail.example', 'viewer');
      const r = await gw.as().post('/auth/reset-request', { email: 'forgetful@mail.example' });
      expect([r.status, r.body]).toEqual([202, { ok: true }]);
      const mail = await envSink.waitFor('forgetful@mail.example', '/hub/#/reset/');
      expect(mail.text).toContain('Subject: Reset your password');
      const link = linkIn(mail);
      expect(link).toContain('/hub/#/reset/');
      expectStatus(
        await gw
          .as()
          .post('/auth/reset', { token: tokenOf(link), password: 'a brand new password' }),
        200,
      );
      // The old password and the sessions opened with it are gone; the link was single-use.
      expect((await gw.as({ bearer: user.token }).get('/me')).status).toBe(401);
      expect(
        (await gw.as().post('/auth/login', { email: 'forgetful@mail.example', password: PASSWORD }))
          .status,
      ).toBe(401);
      expect(await signIn(gw, 'forgetful@mail.example', 'a brand new password')).toBeTruthy();
      const reuse = await gw
        .as()
        .post('/auth/reset', { token: tokenOf(link), password: 'yet another password' });
      expect([reuse.status, reuse.body.error.code]).toEqual([400, 'INVITATION_INVALID']);
    });

    it('answers a reset request for an unknown email the same way, and sends nothing', async () => {
      const r = await gw.as().post('/auth/reset-request', { email: 'nobody@mail.example' });
      expect([r.status, r.body]).toEqual([202, { ok: true }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(envSink.mails.some((m) => m.to.includes('nobody@mail.example'))).toBe(false);
    });

    it("emails the reset link an admin makes for one of the account's users", async () => {
      const user = await addAccountUser(gw, root, accountId, 'locked-out@mail.example', 'viewer');
      const r = expectStatus(
        await gw
          .as({ bearer: root })
          .post(`/accounts/${accountId}/users/${user.userId}/reset-link`),
        201,
      ).body;
      expect(r.emailed).toBe(true);
      expect(linkIn(await envSink.waitFor('locked-out@mail.example', '/hub/#/reset/'))).toBe(
        r.link,
      );
    });

    it('uses the SMTP server of the host settings, and never shows its password', async () => {
      const host = gw.as({ bearer: root });
      const url = `smtp://mailer:s3cret-smtp-pass@127.0.0.1:${settingsSink.port}`;
      const patched = expectStatus(
        await host.patch('/host/settings', { smtp: { url, from: 'hub@settings.example' } }),
        200,
      );
      const shown = {
        configured: true,
        host: `127.0.0.1:${settingsSink.port}`,
        from: 'hub@settings.example',
        source: 'settings',
      };
      expect(patched.body.smtp).toEqual(shown);
      expect((await host.get('/host/settings')).body.smtp).toEqual(shown);
      const invited = expectStatus(
        await host.post('/host/invitations', {
          email: 'via-settings@mail.example',
          role: 'viewer',
        }),
        201,
      );
      expect(invited.body.emailed).toBe(true);
      const mail = await settingsSink.waitFor('via-settings@mail.example');
      expect(mail.username).toBe('mailer');
      expect(mail.from).toBe('hub@settings.example');
      expect(envSink.mails.some((m) => m.to.includes('via-settings@mail.example'))).toBe(false);
      const everywhere = JSON.stringify([
        (await host.get('/host/settings')).body,
        (await host.get('/audit?limit=200')).body,
      ]);
      expect(everywhere).not.toContain('s3cret-smtp-pass');
      const stored = JSON.stringify((await gw.app.gw.store.host.get()).settings);
      expect(stored).not.toContain('s3cret-smtp-pass');
    });

    it('falls back to the environment when the host settings drop SMTP', async () => {
      const host = gw.as({ bearer: root });
      expectStatus(await host.patch('/host/settings', { smtp: null }), 200);
      expect((await host.get('/host/settings')).body.smtp).toMatchObject({ source: 'environment' });
    });

    it('still returns the link when the SMTP server cannot be reached', async () => {
      const host = gw.as({ bearer: root });
      const dead = await startSmtpSink();
      const url = dead.url;
      await dead.close();
      expectStatus(
        await host.patch('/host/settings', { smtp: { url, from: 'x@dead.example' } }),
        200,
      );
      const r = expectStatus(
        await host.post('/host/invitations', { email: 'unlucky@mail.example', role: 'viewer' }),
        201,
      );
      expect(r.body.emailed).toBe(false);
      expect(r.body.link).toContain('/hub/#/invite/');
      expectStatus(await host.patch('/host/settings', { smtp: null }), 200);
    });
  });
}

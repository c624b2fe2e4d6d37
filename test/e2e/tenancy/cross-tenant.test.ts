import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  addAccountUser,
  addHostUser,
  addPixel,
  claim,
  createAccount,
  acceptAsNewPerson,
  expectStatus,
  sendBrowserEvent,
  startGateway,
  type Gateway,
} from './harness.js';

// Tenancy is structural: whatever an account's users call, nothing of another account comes
// back (ids, names, pixels, users, domains, metrics, audit entries), and ids of another account
// answer 404 exactly as ids that do not exist. The host sees only the row of an unmanaged account.

interface Tenant {
  id: string;
  name: string;
  pixels: string[];
  emails: string[];
  hostnames: string[];
  adminToken: string;
  viewerToken: string;
  adminId: string;
  domainId: string;
  invitationId: string;
}

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Cross-tenant isolation on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    let alpha: Tenant;
    let beta: Tenant;
    let hidden: Tenant; // unmanaged: the host must not see inside

    async function tenant(name: string, pixelBase: string, managed: boolean): Promise<Tenant> {
      const slug = name.toLowerCase().replace(/\W/g, '');
      const adminEmail = `admin@${slug}.example`;
      const created = await createAccount(
        gw,
        root,
        name,
        managed,
        managed ? undefined : adminEmail,
      );
      let admin: { userId: string; token: string };
      if (managed) admin = await addAccountUser(gw, root, created.id, adminEmail, 'admin');
      else admin = await acceptAsNewPerson(gw, created.invitation!.token, adminEmail);
      const viaAdmin = gw.as({ bearer: admin.token });
      const pixels = [`${pixelBase}1`, `${pixelBase}2`];
      for (const p of pixels) await addPixel(gw, admin.token, created.id, p);
      const viewer = await addAccountUser(
        gw,
        admin.token,
        created.id,
        `viewer@${slug}.example`,
        'viewer',
      );
      const invitation = expectStatus(
        await viaAdmin.post(`/accounts/${created.id}/invitations`, {
          email: `later@${slug}.example`,
          role: 'manager',
        }),
        201,
      ).body;
      const hostnames = [`track.${slug}.example`, `scraper.${slug}-bad.example`];
      const domain = expectStatus(
        await viaAdmin.post(`/accounts/${created.id}/domains`, {
          hostname: hostnames[0],
          kind: 'first_party',
        }),
        201,
      ).body;
      expectStatus(
        await viaAdmin.post(`/accounts/${created.id}/domains`, {
          hostname: hostnames[1],
          kind: 'blocked',
          pixel_id: pixels[0],
        }),
        201,
      );
      for (const p of pixels) expectStatus(await sendBrowserEvent(gw, p), 202);
      return {
        id: created.id,
        name,
        pixels,
        emails: [adminEmail, `viewer@${slug}.example`, `later@${slug}.example`],
        hostnames,
        adminToken: admin.token,
        viewerToken: viewer.token,
        adminId: admin.userId,
        domainId: domain.id,
        invitationId: invitation.id,
      };
    }

    /** Every identifying string of a tenant, for "none of these appear" assertions. */
    const secretsOf = (t: Tenant) => [
      t.id,
      t.name,
      ...t.pixels,
      ...t.emails,
      ...t.hostnames,
      t.adminId,
      t.domainId,
      t.invitationId,
    ];

    /** Everything an account admin can read, gathered from every GET they may call. */
    async function everythingVisibleTo(token: string, t: Tenant): Promise<string> {
      const c = gw.as({ bearer: token });
      const paths = [
        '/me',
        '/accounts',
        `/accounts/${t.id}`,
        `/accounts/${t.id}/users`,
        `/accounts/${t.id}/pixels`,
        ...t.pixels.map((p) => `/accounts/${t.id}/pixels/${p}`),
        ...t.pixels.map((p) => `/accounts/${t.id}/pixels/${p}/errors`),
        `/accounts/${t.id}/metrics?minutes=60`,
        `/accounts/${t.id}/domains`,
        `/audit?account_id=${t.id}`,
      ];
      const answers = [];
      for (const path of paths) answers.push(expectStatus(await c.get(path), 200).body);
      return JSON.stringify(answers);
    }

    beforeAll(async () => {
      gw = await startGateway(dialect.name);
      root = await claim(gw);
      alpha = await tenant('Alpha Shoes', '1100000', true);
      beta = await tenant('Beta Books', '2200000', true);
      hidden = await tenant('Gamma Garden', '3300000', false);
    });
    afterAll(() => gw?.close());

    it("shows an account's admin their own account, and nothing of any other", async () => {
      const seen = await everythingVisibleTo(alpha.adminToken, alpha);
      expect(seen).toContain(alpha.pixels[0]);
      expect(seen).toContain(alpha.hostnames[0]);
      for (const other of [beta, hidden])
        for (const s of secretsOf(other)) expect(seen).not.toContain(s);
    });

    it('shows a viewer the same separation', async () => {
      const c = gw.as({ bearer: beta.viewerToken });
      const seen = JSON.stringify([
        (await c.get('/me')).body,
        (await c.get('/accounts')).body,
        (await c.get(`/accounts/${beta.id}/pixels`)).body,
        (await c.get(`/accounts/${beta.id}/domains`)).body,
        (await c.get(`/accounts/${beta.id}/metrics`)).body,
      ]);
      expect(seen).toContain(beta.pixels[1]);
      for (const other of [alpha, hidden])
        for (const s of secretsOf(other)) expect(seen).not.toContain(s);
    });

    it("reports metrics only for the account's own pixels", async () => {
      const series = expectStatus(
        await gw.as({ bearer: alpha.adminToken }).get(`/accounts/${alpha.id}/metrics`),
        200,
      ).body.series as { pixel_id: string; received: number }[];
      expect(new Set(series.map((s) => s.pixel_id))).toEqual(new Set(alpha.pixels));
      expect(series.reduce((n, s) => n + s.received, 0)).toBe(2);
    });

    it("answers 404 for another account's ids, exactly as for ids that do not exist", async () => {
      const c = gw.as({ bearer: alpha.adminToken });
      const intoBeta = [
        `/accounts/${beta.id}`,
        `/accounts/${beta.id}/users`,
        `/accounts/${beta.id}/pixels`,
        `/accounts/${beta.id}/pixels/${beta.pixels[0]}`,
        `/accounts/${beta.id}/metrics`,
        `/accounts/${beta.id}/domains`,
        `/audit?account_id=${beta.id}`,
        // Beta's objects named through Alpha's own account:
        `/accounts/${alpha.id}/pixels/${beta.pixels[0]}`,
        `/accounts/${alpha.id}/pixels/${beta.pixels[0]}/errors`,
      ];
      const nowhere = (await c.get('/accounts/acc_doesnotexist')).body;
      for (const path of intoBeta) {
        const r = await c.get(path);
        expect([path, r.status, r.body]).toEqual([path, 404, nowhere]);
      }
      const writes = [
        () => c.patch(`/accounts/${beta.id}`, { name: 'Taken over' }),
        () => c.delete(`/accounts/${beta.id}`),
        () => c.patch(`/accounts/${alpha.id}/pixels/${beta.pixels[0]}`, { publishing: false }),
        () => c.delete(`/accounts/${alpha.id}/pixels/${beta.pixels[0]}`),
        () => c.patch(`/accounts/${alpha.id}/users/${beta.adminId}`, { role: 'viewer' }),
        () => c.delete(`/accounts/${alpha.id}/users/${beta.adminId}`),
        () => c.post(`/accounts/${alpha.id}/users/${beta.adminId}/reset-link`),
        () => c.delete(`/accounts/${alpha.id}/domains/${beta.domainId}`),
        () => c.post(`/accounts/${alpha.id}/invitations/${beta.invitationId}/regenerate`),
        () => c.delete(`/accounts/${alpha.id}/invitations/${beta.invitationId}`),
      ];
      for (const write of writes) expect((await write()).status).toBe(404);
      // Nothing changed in Beta.
      const betaPixel = (
        await gw
          .as({ bearer: beta.adminToken })
          .get(`/accounts/${beta.id}/pixels/${beta.pixels[0]}`)
      ).body;
      expect(betaPixel.publishing).toBe(true);
      expect((await gw.as({ bearer: beta.adminToken }).get(`/accounts/${beta.id}`)).body.name).toBe(
        beta.name,
      );
    });

    it("refuses another account's pixel in a body with the message of an unknown pixel", async () => {
      const c = gw.as({ bearer: alpha.adminToken });
      const asDomain = (pixel: string) =>
        c.post(`/accounts/${alpha.id}/domains`, {
          hostname: 'x.alpha.example',
          kind: 'blocked',
          pixel_id: pixel,
        });
      const theirs = await asDomain(beta.pixels[0]!);
      const none = await asDomain('9999999999');
      expect(theirs.status).toBe(400);
      expect(theirs.body).toEqual(none.body);
      const asInvite = (pixel: string) =>
        c.post(`/accounts/${alpha.id}/invitations`, {
          email: 'm@alpha.example',
          role: 'manager',
          pixel_ids: [pixel],
        });
      expect((await asInvite(beta.pixels[0]!)).body).toEqual((await asInvite('9999999999')).body);
    });

    it("will not take another account's first-party domain, and does not say whose it is", async () => {
      const r = await gw.as({ bearer: alpha.adminToken }).post(`/accounts/${alpha.id}/domains`, {
        hostname: beta.hostnames[0],
        kind: 'first_party',
      });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('DOMAIN_TAKEN');
      for (const s of secretsOf(beta).filter((x) => x !== beta.hostnames[0]))
        expect(JSON.stringify(r.body)).not.toContain(s);
    });

    it('shows the host only the row of an unmanaged account: name, status and usage, nothing inside', async () => {
      const c = gw.as({ bearer: root });
      const listed = (await c.get('/accounts')).body.accounts.find(
        (a: { id: string }) => a.id === hidden.id,
      );
      expect(Object.keys(listed).sort()).toEqual(
        [
          'created_at',
          'id',
          'managed',
          'manage_requested',
          'name',
          'role',
          'status',
          'usage',
        ].sort(),
      );
      // Usage is counts only (as Meta's tenantUsage): two pixels, one event each.
      expect(listed.usage).toEqual({ pixels: 2, receiving_pixels: 2, events_received: 2 });
      expect(listed).toMatchObject({
        name: hidden.name,
        status: 'active',
        managed: false,
        role: null,
      });
      for (const path of [
        `/accounts/${hidden.id}`,
        `/accounts/${hidden.id}/users`,
        `/accounts/${hidden.id}/pixels`,
        `/accounts/${hidden.id}/pixels/${hidden.pixels[0]}`,
        `/accounts/${hidden.id}/metrics`,
        `/accounts/${hidden.id}/domains`,
        `/audit?account_id=${hidden.id}`,
      ])
        expect([path, (await c.get(path)).status]).toEqual([path, 404]);
      expect(
        (await c.patch(`/accounts/${hidden.id}/pixels/${hidden.pixels[0]}`, { receiving: false }))
          .status,
      ).toBe(404);
      expect(
        (
          await c.post(`/accounts/${hidden.id}/invitations`, {
            email: 'spy@host.example',
            role: 'admin',
          })
        ).status,
      ).toBe(404);
      // Neither the host's user list nor its audit log carries anything from inside.
      const hostView = JSON.stringify([
        (await c.get('/host/users')).body,
        (await c.get('/audit?limit=200')).body,
      ]);
      for (const s of [
        ...hidden.pixels,
        ...hidden.hostnames,
        hidden.emails[1],
        hidden.emails[2],
        hidden.domainId,
      ])
        expect(hostView).not.toContain(s);
    });

    it('gives host managers only the managed accounts assigned to them', async () => {
      const manager = await addHostUser(gw, root, 'manager@host.example', 'manager', [
        alpha.id,
        hidden.id,
      ]);
      const c = gw.as({ bearer: manager.token });
      const ids = (await c.get('/accounts')).body.accounts.map((a: { id: string }) => a.id);
      expect(ids).toEqual([alpha.id]);
      expect((await c.get(`/accounts/${alpha.id}/pixels`)).status).toBe(200);
      expect((await c.get(`/accounts/${beta.id}/pixels`)).status).toBe(404);
      expect((await c.get(`/accounts/${hidden.id}/pixels`)).status).toBe(404);
    });

    it('lets viewers read but never write, and their attempts change nothing', async () => {
      const hostViewer = await addHostUser(gw, root, 'viewer@host.example', 'viewer', [beta.id]);
      for (const token of [beta.viewerToken, hostViewer.token]) {
        const c = gw.as({ bearer: token });
        const base = `/accounts/${beta.id}`;
        const attempts = [
          await c.patch(base, { name: 'Viewer was here' }),
          await c.post(`${base}/pixels`, { pixel_id: '2200009', access_token: 'EAAviewer-token' }),
          await c.patch(`${base}/pixels/${beta.pixels[0]}`, { receiving: false }),
          await c.delete(`${base}/pixels/${beta.pixels[1]}`),
          await c.post(`${base}/pixels/${beta.pixels[0]}/access-key`),
          await c.post(`${base}/invitations`, { email: 'friend@viewer.example', role: 'admin' }),
          await c.post(`${base}/domains`, { hostname: 'viewer.example', kind: 'blocked' }),
          await c.delete(`${base}/domains/${beta.domainId}`),
          await c.post(`${base}/managed`, { managed: false }),
          await c.delete(base),
        ];
        expect(attempts.map((a) => a.status)).toEqual(attempts.map(() => 403));
      }
      const asAdmin = gw.as({ bearer: beta.adminToken });
      expect((await asAdmin.get(`/accounts/${beta.id}`)).body).toMatchObject({
        name: beta.name,
        managed: true,
      });
      const pixels = (await asAdmin.get(`/accounts/${beta.id}/pixels`)).body.pixels;
      expect(
        pixels.map((p: { pixel_id: string; receiving: boolean }) => [p.pixel_id, p.receiving]),
      ).toEqual(beta.pixels.map((p) => [p, true]));
      expect((await asAdmin.get(`/accounts/${beta.id}/domains`)).body.domains).toHaveLength(2);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  addPixel,
  claim,
  createAccount,
  expectStatus,
  sendBrowserEvent,
  startGateway,
  type Gateway,
} from './harness.js';

// An account's first-party domains and blocked websites, and that the event path follows
// every change at once (the directory reloads after each write).

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(`Domains on ${dialect.name}`, () => {
    let gw: Gateway;
    let root: string;
    let shop: string;
    let rival: string;
    const base = () => `/accounts/${shop}/domains`;
    beforeAll(async () => {
      gw = await startGateway(dialect.name);
      root = await claim(gw);
      shop = (await createAccount(gw, root, 'Domain shop')).id;
      rival = (await createAccount(gw, root, 'Rival shop')).id;
      await addPixel(gw, root, shop, '6100001');
      await addPixel(gw, root, shop, '6100002');
      await addPixel(gw, root, rival, '6200001');
    });
    afterAll(() => gw?.close());

    it('adds a first-party domain with the CNAME target to set, normalizing what was typed', async () => {
      const r = expectStatus(
        await gw
          .as({ bearer: root })
          .post(base(), { hostname: ' https://Track.Shop.Example/path?x=1 ', kind: 'first_party' }),
        201,
      );
      expect(r.body).toEqual({
        id: expect.stringMatching(/^dom_/),
        hostname: 'track.shop.example',
        kind: 'first_party',
        pixel_id: null,
        status: 'pending',
        cname_target: 'gw.example',
        created_at: expect.any(Number),
      });
      const list = (await gw.as({ bearer: root }).get(base())).body.domains;
      expect(list).toEqual([r.body]);
    });

    it('refuses what is not a hostname, duplicates, and pixels on first-party domains', async () => {
      const c = gw.as({ bearer: root });
      for (const hostname of [
        'not a host',
        'localhost',
        '-bad.example',
        'a..example',
        'x'.repeat(64) + '.example',
      ])
        expect([hostname, (await c.post(base(), { hostname, kind: 'blocked' })).status]).toEqual([
          hostname,
          400,
        ]);
      const dup = await c.post(base(), { hostname: 'track.shop.example', kind: 'first_party' });
      expect([dup.status, dup.body.error.code]).toEqual([409, 'DOMAIN_EXISTS']);
      const withPixel = await c.post(base(), {
        hostname: 'other.shop.example',
        kind: 'first_party',
        pixel_id: '6100001',
      });
      expect(withPixel.status).toBe(400);
    });

    it('refuses events for another account arriving on this first-party domain', async () => {
      expect((await sendBrowserEvent(gw, '6100001', { host: 'track.shop.example' })).status).toBe(
        202,
      );
      const foreign = await sendBrowserEvent(gw, '6200001', { host: 'track.shop.example' });
      expect([foreign.status, foreign.body.error.code]).toEqual([403, 'WRONG_DOMAIN']);
    });

    it('blocks a website for every pixel of the account, subdomains included, until removed', async () => {
      const c = gw.as({ bearer: root });
      const blocked = expectStatus(
        await c.post(base(), { hostname: 'scraper.example', kind: 'blocked' }),
        201,
      ).body;
      expect(blocked).toMatchObject({ status: 'verified', cname_target: null, pixel_id: null });
      for (const pixel of ['6100001', '6100002']) {
        const r = await sendBrowserEvent(gw, pixel, { origin: 'https://www.scraper.example' });
        expect([pixel, r.status, r.body.error?.code]).toEqual([pixel, 403, 'WEBSITE_BLOCKED']);
      }
      // Another account's pixel is not affected.
      expect(
        (await sendBrowserEvent(gw, '6200001', { origin: 'https://scraper.example' })).status,
      ).toBe(202);
      expectStatus(await c.delete(`${base()}/${blocked.id}`), 204);
      expect(
        (await sendBrowserEvent(gw, '6100001', { origin: 'https://scraper.example' })).status,
      ).toBe(202);
      expect((await c.delete(`${base()}/${blocked.id}`)).status).toBe(404);
    });

    it('blocks a website for one pixel only, and forgets that block with the pixel', async () => {
      const c = gw.as({ bearer: root });
      expectStatus(
        await c.post(base(), { hostname: 'copycat.example', kind: 'blocked', pixel_id: '6100002' }),
        201,
      );
      expect(
        (await sendBrowserEvent(gw, '6100002', { origin: 'https://copycat.example' })).status,
      ).toBe(403);
      expect(
        (await sendBrowserEvent(gw, '6100001', { origin: 'https://copycat.example' })).status,
      ).toBe(202);
      expectStatus(await c.delete(`/accounts/${shop}/pixels/6100002`), 204);
      const left = (await c.get(base())).body.domains.map((d: { hostname: string }) => d.hostname);
      expect(left).not.toContain('copycat.example');
    });

    it('frees a first-party hostname when it is removed', async () => {
      const c = gw.as({ bearer: root });
      const mine = (await c.get(base())).body.domains.find(
        (d: { hostname: string }) => d.hostname === 'track.shop.example',
      );
      const taken = await c.post(`/accounts/${rival}/domains`, {
        hostname: 'track.shop.example',
        kind: 'first_party',
      });
      expect([taken.status, taken.body.error.code]).toEqual([409, 'DOMAIN_TAKEN']);
      expectStatus(await c.delete(`${base()}/${mine.id}`), 204);
      expect((await sendBrowserEvent(gw, '6200001', { host: 'track.shop.example' })).status).toBe(
        202,
      );
      expectStatus(
        await c.post(`/accounts/${rival}/domains`, {
          hostname: 'track.shop.example',
          kind: 'first_party',
        }),
        201,
      );
    });
  });
}

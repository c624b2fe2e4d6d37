import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_MATRIX,
  SEATS,
  type AccountAction,
} from '../../../gateway/src/auth/permissions.js';
import { registeredAdminRoutes } from '../../../gateway/src/admin-api/index.js';
import { ENDPOINTS, fullPath } from '../../../gateway/src/admin-api/openapi/document.js';
import { startGateway, type Gateway } from './harness.js';

// The OpenAPI document and docs/api.md describe exactly the routes that exist.

const asFastify = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

describe('The OpenAPI document', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('SQLite');
  });
  afterAll(() => gw?.close());

  it('is served without sign-in as OpenAPI 3.1', async () => {
    const r = await gw.as().get('/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(r.body.servers).toEqual([{ url: 'https://gw.example' }]);
  });

  it('lists every registered /api/v1 route, and only those', () => {
    const registered = registeredAdminRoutes
      .get(gw.app.gw)!
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const documented = ENDPOINTS.filter((e) => !e.root)
      .map((e) => `${e.method} ${asFastify(fullPath(e))}`)
      .sort();
    expect(documented).toEqual(registered);
    for (const e of ENDPOINTS.filter((x) => x.root))
      expect(gw.app.hasRoute({ method: e.method, url: asFastify(e.path) })).toBe(true);
  });

  it('describes bodies, answers, callers and error codes', async () => {
    const doc = (await gw.as().get('/openapi.json')).body;
    const invite = doc.paths['/api/v1/accounts/{accountId}/invitations'].post;
    expect(invite.requestBody.content['application/json'].schema.required).toEqual([
      'email',
      'role',
    ]);
    expect(invite.responses['201'].content['application/json'].schema.properties).toHaveProperty(
      'emailed',
    );
    expect(invite.parameters).toEqual([
      { name: 'accountId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(invite['x-roles']).toContain('account admins');
    const patchUser = doc.paths['/api/v1/accounts/{accountId}/users/{userId}'].patch;
    expect(patchUser.responses['409'].description).toContain('LAST_ADMIN');
    const token = doc.paths['/clients/token'].post;
    expect(Object.keys(token.requestBody.content)).toContain('application/x-www-form-urlencoded');
    expect(token.security).toEqual([]);
    const audit = doc.paths['/api/v1/audit'].get;
    expect(audit.parameters.map((p: { name: string }) => p.name)).toEqual([
      'account_id',
      'limit',
      'before',
    ]);
  });

  it('has no answer field that would carry a password, a hash or a ciphertext', async () => {
    const doc = (await gw.as().get('/openapi.json')).body;
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props) for (const k of Object.keys(props)) names.add(k);
      for (const v of Object.values(node)) walk(v);
    };
    for (const ops of Object.values(doc.paths) as Record<string, { responses: unknown }>[])
      for (const op of Object.values(ops)) walk(op.responses);
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter((n) => /password|hash|_enc$|totp_secret/.test(n))).toEqual([]);
  });

  it('is what docs/api.md documents, endpoint for endpoint', () => {
    const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    for (const e of ENDPOINTS)
      expect(doc, `${e.method} ${e.path}`).toContain(`${e.method} ${e.path}`);
  });

  it("carries the code's permission matrix in docs/api.md's table", () => {
    const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const lines = doc.slice(doc.indexOf('| action | account admin')).split('\n');
    const rows = lines.slice(
      2,
      lines.findIndex((l) => !l.startsWith('|')),
    );
    const seen = new Set<string>();
    for (const row of rows) {
      const [label, ...cells] = row
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      const action = label!.split(' ')[0]! as AccountAction;
      seen.add(action);
      const allowed = cells.map((c) => !/^(403|404)$/.test(c));
      expect([action, allowed]).toEqual([
        action,
        SEATS.map((seat) => ACCOUNT_MATRIX[action].includes(seat)),
      ]);
    }
    expect([...seen].sort()).toEqual(Object.keys(ACCOUNT_MATRIX).sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ACTIONS,
  ACCOUNT_MATRIX,
  HOST_ACTIONS,
  HOST_MATRIX,
  PIXEL_SCOPED_FOR_MANAGER,
  SEATS,
  type AccountAction,
  type HostAction,
  type Seat,
} from '../../../gateway/src/auth/permissions.js';
import { ACCOUNT_PROBES, HOST_PROBES, type CellWorld } from './matrix-probes.js';
import {
  DIALECTS,
  PASSWORD,
  accept,
  addAccountUser,
  addHostUser,
  addPixel,
  claim,
  createAccount,
  expectStatus,
  signIn,
  startGateway,
  type Gateway,
} from './harness.js';

// The permission matrix (gateway/src/auth/permissions.ts), asserted cell by cell through the
// HTTP API. Every cell gets a fresh account, a user holding exactly the seat under test, and
// the endpoints that perform the action: 2xx when the matrix allows it, 403 when the seat sees
// the account but may not, 404 when the caller cannot see the account at all.

/** Who calls: each matrix seat, plus two callers with no seat in the account. */
const HOLDERS = [...SEATS, 'stranger', 'host:manager-unassigned'] as const;
type Holder = (typeof HOLDERS)[number];
type Outcome = 'allowed' | 'forbidden' | 'hidden';

function expectedOutcome(
  holder: Holder,
  action: AccountAction,
  pixel?: 'assigned' | 'other',
): Outcome {
  if (holder === 'stranger' || holder === 'host:manager-unassigned') return 'hidden';
  const seat: Seat = holder;
  let allowed = ACCOUNT_MATRIX[action].includes(seat);
  if (allowed && seat === 'account:manager' && PIXEL_SCOPED_FOR_MANAGER.has(action))
    allowed = pixel === 'assigned';
  if (allowed) return 'allowed';
  // Outside an unmanaged account the host sees nothing inside: as for strangers.
  return seat === 'host:outside' ? 'hidden' : 'forbidden';
}

function assertOutcome(status: number, body: any, outcome: Outcome, label: string) {
  const where = `${label} → ${status} ${JSON.stringify(body)}`;
  if (outcome === 'allowed') expect(status, where).toBeGreaterThanOrEqual(200);
  if (outcome === 'allowed') expect(status, where).toBeLessThan(300);
  if (outcome === 'forbidden')
    expect([status, body?.error?.code], where).toEqual([403, 'FORBIDDEN']);
  if (outcome === 'hidden') expect([status, body?.error?.code], where).toEqual([404, 'NOT_FOUND']);
}

describe('the matrix says what CONTRACT.md "Roles" says', () => {
  const allowedFor = (seat: Seat) =>
    ACCOUNT_ACTIONS.filter((a) => ACCOUNT_MATRIX[a].includes(seat));
  it('gives viewers, of the account or the host, reading only', () => {
    for (const seat of ['account:viewer', 'host:viewer'] as const)
      expect(allowedFor(seat).every((a) => a.endsWith('.read'))).toBe(true);
  });
  it('lets account managers change pixels and nothing else', () => {
    expect(allowedFor('account:manager').filter((a) => !a.endsWith('.read'))).toEqual([
      'pixel.update',
    ]);
    expect(PIXEL_SCOPED_FOR_MANAGER.has('pixel.update')).toBe(true);
  });
  it('shows the host nothing inside an unmanaged account', () => {
    expect(allowedFor('host:outside').sort()).toEqual(
      ['account.delete', 'account.set_managed', 'account.setup_invitation'].sort(),
    );
  });
  it('leaves the users of an account to its admins (and host admins while managed)', () => {
    expect([...ACCOUNT_MATRIX['account.users.write']].sort()).toEqual([
      'account:admin',
      'host:admin',
    ]);
  });
  it('keeps host users, settings and API accounts to host admins', () => {
    for (const a of HOST_ACTIONS.filter((x) => x !== 'host.accounts.list'))
      expect(HOST_MATRIX[a]).toEqual(['admin']);
  });
});

it('has an HTTP probe for every action of both matrices', () => {
  expect(new Set(ACCOUNT_PROBES.map((p) => p.action))).toEqual(new Set(ACCOUNT_ACTIONS));
  expect(new Set(HOST_PROBES.map((p) => p.action))).toEqual(new Set(HOST_ACTIONS));
});

for (const dialect of DIALECTS) {
  describe.runIf(await dialect.enabled())(
    `Permission matrix through the HTTP API on ${dialect.name}`,
    () => {
      let gw: Gateway;
      let root: string;
      const tokens = new Map<Holder, string>();
      const userIds = new Map<Holder, string>();
      let cell = 0;

      beforeAll(async () => {
        gw = await startGateway(dialect.name);
        root = await claim(gw);
        const hostAdmin = await addHostUser(gw, root, 'seat-host-admin@host.example', 'admin');
        tokens.set('host:admin', hostAdmin.token).set('host:outside', hostAdmin.token);
        for (const role of ['manager', 'viewer'] as const) {
          const u = await addHostUser(gw, root, `seat-host-${role}@host.example`, role, []);
          tokens.set(`host:${role}`, u.token);
          userIds.set(`host:${role}`, u.userId);
        }
        const unassigned = await addHostUser(
          gw,
          root,
          'seat-host-unassigned@host.example',
          'manager',
          [],
        );
        tokens.set('host:manager-unassigned', unassigned.token);
        const elsewhere = await createAccount(gw, root, 'Somewhere else');
        tokens.set(
          'stranger',
          (await addAccountUser(gw, root, elsewhere.id, 'stranger@else.example', 'admin')).token,
        );
      });
      afterAll(() => gw?.close());

      /** A fresh account with two pixels, a spare member, an open invitation and a domain. */
      async function buildCell(holder: Holder): Promise<CellWorld> {
        const n = ++cell;
        const account = await createAccount(gw, root, `Cell ${n}`);
        const assignedPixel = `7${String(n).padStart(5, '0')}1`;
        const otherPixel = `7${String(n).padStart(5, '0')}2`;
        await addPixel(gw, root, account.id, assignedPixel);
        await addPixel(gw, root, account.id, otherPixel);
        const asRoot = gw.as({ bearer: root });
        const spareInvite = expectStatus(
          await asRoot.post(`/accounts/${account.id}/invitations`, {
            email: `spare${n}@cell.example`,
            role: 'viewer',
          }),
          201,
        ).body;
        const spare = await accept(gw, spareInvite.token);
        const pending = expectStatus(
          await asRoot.post(`/accounts/${account.id}/invitations`, {
            email: `pending${n}@cell.example`,
            role: 'admin',
          }),
          201,
        ).body;
        const domain = expectStatus(
          await asRoot.post(`/accounts/${account.id}/domains`, {
            hostname: `blocked${n}.example`,
            kind: 'blocked',
          }),
          201,
        ).body;
        if (holder.startsWith('account:')) {
          const role = holder.slice('account:'.length) as 'admin' | 'manager' | 'viewer';
          const invite = expectStatus(
            await asRoot.post(`/accounts/${account.id}/invitations`, {
              email: `seat-${role}@account.example`,
              role,
              ...(role === 'manager' ? { pixel_ids: [assignedPixel] } : {}),
            }),
            201,
          ).body;
          await accept(gw, invite.token);
          if (!tokens.has(holder))
            tokens.set(holder, await signIn(gw, `seat-${role}@account.example`));
        }
        if (holder === 'host:manager' || holder === 'host:viewer') {
          expectStatus(
            await asRoot.patch(`/host/users/${userIds.get(holder)}`, { account_ids: [account.id] }),
            200,
          );
        }
        if (holder === 'host:outside') {
          // Fixture shortcut: the account becomes unmanaged and waits for its invited admin (the
          // pending invitation above), which the HTTP API reaches only through consent flows.
          await gw.app.gw.store.accounts.update(account.id, { managed: false, status: 'setup' });
        }
        return {
          accountId: account.id,
          managed: holder !== 'host:outside',
          assignedPixel,
          otherPixel,
          spareUserId: spare.userId,
          pendingInvitationId: pending.id,
          domainId: domain.id,
          n,
        };
      }

      for (const probe of ACCOUNT_PROBES) {
        const variants = PIXEL_SCOPED_FOR_MANAGER.has(probe.action)
          ? (['assigned', 'other'] as const)
          : [undefined];
        for (const pixel of variants) {
          for (const holder of HOLDERS) {
            const outcome = expectedOutcome(holder, probe.action, pixel);
            const on = pixel
              ? ` on ${pixel === 'assigned' ? 'an assigned' : 'an unassigned'} pixel`
              : '';
            it(`${holder} ${probe.name}${on}: ${outcome}`, async () => {
              const world = await buildCell(holder);
              const { method, path, body } = probe.request(
                world,
                pixel === 'other' ? world.otherPixel : world.assignedPixel,
              );
              const caller = gw.as({ bearer: tokens.get(holder)! });
              const r =
                method === 'GET'
                  ? await caller.get(path)
                  : method === 'DELETE'
                    ? await caller.delete(path)
                    : method === 'PATCH'
                      ? await caller.patch(path, body)
                      : await caller.post(path, body);
              assertOutcome(r.status, r.body, outcome, `${method} ${path}`);
            });
          }
        }
      }

      describe('host actions by host role', () => {
        const roles = ['admin', 'manager', 'viewer', 'none', 'api'] as const;
        const roleTokens = new Map<(typeof roles)[number], string>();
        beforeAll(async () => {
          roleTokens.set('admin', tokens.get('host:admin')!);
          roleTokens.set('manager', tokens.get('host:manager')!);
          roleTokens.set('viewer', tokens.get('host:viewer')!);
          roleTokens.set('none', tokens.get('stranger')!);
          const api = expectStatus(
            await gw
              .as({ bearer: root })
              .post('/api-accounts', { name: 'matrixbot', password: PASSWORD }),
            201,
          ).body;
          const t = await gw.as().post('/clients/token', {
            client_id: 'matrixbot',
            client_secret: api.secret,
            grant_type: 'client_credentials',
          });
          roleTokens.set('api', expectStatus(t, 200).body.token);
        });

        for (const probe of HOST_PROBES) {
          for (const role of roles) {
            if (probe.skipFor?.includes(role)) continue;
            const hostRole = role === 'api' ? 'admin' : role === 'none' ? undefined : role;
            // Listing accounts answers everyone, filtered to what they reach (asserted elsewhere).
            const allowed =
              (hostRole !== undefined &&
                HOST_MATRIX[probe.action as HostAction].includes(hostRole)) ||
              (probe.action === 'host.accounts.list' && role === 'none');
            it(`host ${role} ${probe.name}: ${allowed ? 'allowed' : 'forbidden'}`, async () => {
              const n = ++cell;
              const target = await probe.prepare?.(gw, root, n);
              const { method, path, body } = probe.request(n, target);
              const caller = gw.as({ bearer: roleTokens.get(role)! });
              const r =
                method === 'GET'
                  ? await caller.get(path)
                  : method === 'DELETE'
                    ? await caller.delete(path)
                    : method === 'PATCH'
                      ? await caller.patch(path, body)
                      : await caller.post(path, body);
              assertOutcome(
                r.status,
                r.body,
                allowed ? 'allowed' : 'forbidden',
                `${method} ${path}`,
              );
            });
          }
        }
      });
    },
  );
}

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresDatabase, requirePostgres, tempDir } from '@capgw/test/support/databases';
import { GatewayError } from '../errors.js';
import { openConnection, type Connection } from '../store/db.js';
import type { ClaimedEvent, Outbox, OutboxOptions } from './outbox.js';
import { openPgOutbox } from './pg-outbox.js';
import { openSqliteOutbox, PARK_CHUNK_BYTES, WAL_LIMIT_BYTES } from './sqlite-outbox.js';

type Opened = {
  open(opts: OutboxOptions): Promise<Outbox>;
  cleanup(): Promise<void>;
};
const dialects: { name: string; enabled: () => Promise<boolean>; setup(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    enabled: async () => true,
    setup: async () => {
      const tmp = tempDir();
      return { open: async (o) => openSqliteOutbox(tmp.dir, o), cleanup: async () => tmp.remove() };
    },
  },
  {
    name: 'PostgreSQL',
    enabled: requirePostgres,
    setup: async () => {
      const db = await createPostgresDatabase();
      const conn: Connection = await openConnection({ kind: 'postgres', url: db.url });
      return {
        open: (o) => openPgOutbox(conn.pgPool!, o),
        cleanup: async () => (await conn.close(), await db.drop()),
      };
    },
  },
];

const eventId = (c: ClaimedEvent) => JSON.parse(c.payload).event_id as string;
const entry = (i: number, pixelId = '1') => ({
  pixelId,
  accountId: 'acc',
  eventName: 'Purchase',
  payload: JSON.stringify({ event_name: 'Purchase', event_id: `e${i}` }),
});

for (const d of dialects) {
  describe.runIf(await d.enabled())(`outbox on ${d.name}`, () => {
    let env: Opened;
    let a: Outbox;
    beforeAll(async () => {
      env = await d.setup();
      a = await env.open({ maxEvents: 50, leaseMs: 1000, owner: 'a' });
    });
    afterAll(async () => {
      await a.close();
      await env.cleanup();
    });

    it('stores appends arriving together and returns them oldest first', async () => {
      await Promise.all([
        a.append([entry(1), entry(2)]),
        a.append([entry(3)]),
        a.append([entry(4, '2')]),
      ]);
      expect(a.depth()).toBe(4);
      const claimed = await a.claim(10, Date.now(), []);
      expect(claimed.map((c) => JSON.parse(c.payload).event_id)).toEqual(['e1', 'e2', 'e3', 'e4']);
      await a.reschedule(
        claimed.map((c) => c.id),
        0,
      );
    });

    it('leases claimed rows so a second claimer skips them until the lease runs out', async () => {
      const now = Date.now();
      const first = await a.claim(2, now, []);
      const second = await a.claim(10, now, []);
      expect(first).toHaveLength(2);
      expect(second.map((c) => c.id)).not.toContain(first[0]!.id);
      const afterLease = await a.claim(10, now + 5000, []);
      expect(afterLease.map((c) => c.id)).toEqual(expect.arrayContaining(first.map((c) => c.id)));
      await a.reschedule(
        [...first, ...second].map((c) => c.id),
        0,
      );
    });

    it('skips held pixels and counts attempts on reschedule', async () => {
      const claimed = await a.claim(10, Date.now(), ['1']);
      expect(claimed.map((c) => c.pixelId)).toEqual(['2']);
      expect(claimed[0]!.attempts).toBeGreaterThan(0);
      await a.reschedule(
        claimed.map((c) => c.id),
        Date.now() + 60_000,
      );
      expect((await a.claim(10, Date.now(), ['1'])).length).toBe(0);
    });

    it('removes delivered rows for good', async () => {
      const claimed = await a.claim(10, Date.now(), []);
      await a.remove(claimed.map((c) => c.id));
      expect(await a.claim(10, Date.now() + 120_000, [])).toEqual([
        expect.objectContaining({ pixelId: '2' }),
      ]);
    });

    it('removes rows whose deliveries end together, each once, one call per delivery', async () => {
      const c = await env.open({ maxEvents: 50, leaseMs: 1000, owner: 'c' });
      const mine = (rows: ClaimedEvent[]) => rows.filter((r) => r.pixelId === '6');
      try {
        await c.append(Array.from({ length: 6 }, (_, i) => entry(40 + i, '6')));
        const fresh = mine(await c.claim(10, Date.now(), []));
        // Retried, they wait in the table as rows of their own.
        await c.reschedule(
          fresh.map((r) => r.id),
          Date.now(),
        );
        const rows = mine(await c.claim(10, Date.now(), []));
        expect(rows).toHaveLength(6);
        const depth = c.depth();
        await Promise.all([...rows, rows[0]!].map((r) => c.remove([r.id])));
        expect(c.depth()).toBe(depth - 6);
        expect(mine(await c.claim(10, Date.now() + 60_000, []))).toEqual([]);
      } finally {
        await c.close();
      }
    });

    it('answers OUTBOX_FULL past its capacity instead of growing without bound', async () => {
      const err = await a.append(Array.from({ length: 60 }, (_, i) => entry(i))).catch((e) => e);
      expect(err).toBeInstanceOf(GatewayError);
      expect(err.code).toBe('OUTBOX_FULL');
    });

    it('hands a stored row out once: from memory while fresh, from the table once its lease ends', async () => {
      const b = await env.open({ maxEvents: 50, leaseMs: 1000, owner: 'b' });
      const mine = (rows: { pixelId: string }[]) => rows.filter((r) => r.pixelId === '5');
      try {
        await b.append([entry(20, '5')]);
        const later = await b.claim(10, Date.now() + 2000, []);
        expect(mine(later).map((c) => JSON.parse(c.payload).event_id)).toEqual(['e20']);
        expect(mine(await b.claim(10, Date.now() + 2000, []))).toEqual([]);
        await b.remove(mine(later).map((c) => c.id));
      } finally {
        await b.close();
      }
    });

    it('retries one event of a group on its own, and delivers the rest for good', async () => {
      await a.append([entry(40, '40'), entry(41, '40'), entry(42, '40')]);
      const mine = (rows: ClaimedEvent[]) => rows.filter((r) => r.pixelId === '40');
      const out = mine(await a.claim(50, Date.now(), []));
      expect(out.map(eventId)).toEqual(['e40', 'e41', 'e42']);
      await a.reschedule([out[1]!.id], 0);
      await a.remove([out[0]!.id, out[2]!.id]);
      // Past every lease: only the retried event is left to claim.
      const later = mine(await a.claim(50, Date.now() + 5000, []));
      expect(later.map(eventId)).toEqual(['e41']);
      expect(later[0]!.attempts).toBe(1);
      await a.remove(later.map((r) => r.id));
    });

    it("keeps a held pixel's events for its release, and none of the delivered ones", async () => {
      await a.append([entry(50, '50'), entry(51, '51')]);
      const of = (rows: ClaimedEvent[], pixel: string) => rows.filter((r) => r.pixelId === pixel);
      const first = await a.claim(50, Date.now(), ['50']);
      expect(of(first, '50')).toEqual([]);
      await a.remove(of(first, '51').map((r) => r.id));
      const later = await a.claim(50, Date.now() + 5000, []);
      expect(of(later, '50').map(eventId)).toEqual(['e50']);
      expect(of(later, '51')).toEqual([]);
      await a.remove(of(later, '50').map((r) => r.id));
    });

    // Replicas share work on PostgreSQL only (a SQLite outbox is one process's own file).
    if (d.name === 'PostgreSQL')
      it("delivers a dead replica's events once its lease runs out", async () => {
        const b = await env.open({ maxEvents: 50, leaseMs: 1000, owner: 'b2' });
        try {
          await b.append([entry(60, '60'), entry(61, '60')]);
          // b dies here, with nothing it stored settled.
          const mine = (rows: ClaimedEvent[]) => rows.filter((r) => r.pixelId === '60');
          const later = mine(await a.claim(50, Date.now() + 2000, []));
          expect(later.map(eventId)).toEqual(['e60', 'e61']);
          await a.remove(later.map((r) => r.id));
          expect(mine(await a.claim(50, Date.now() + 4000, []))).toEqual([]);
        } finally {
          await b.close();
        }
      });

    it('keeps payloads byte for byte, escapes and non-ASCII text included', async () => {
      const tricky = [
        JSON.stringify({
          event_id: 'q1',
          note: 'a "quoted" \\ back\\slash, tab\t, nul \u0000, rs \u001e',
        }),
        JSON.stringify({ event_id: 'q2', city: 'Zürich 東京 🚀', sep: '\u2028', lone: '\ud800' }),
      ];
      await a.append(tricky.map((payload) => ({ ...entry(0, '6'), payload })));
      // Past half the lease: PostgreSQL reads them back from its table, not from memory.
      const rows = (await a.claim(10, Date.now() + 2000, [])).filter((r) => r.pixelId === '6');
      expect(rows.map((r) => r.payload)).toEqual(tricky);
      await a.remove(rows.map((r) => r.id));
    });

    it('keeps event names and account ids as sent, quotes, braces and separators included', async () => {
      // PostgreSQL stores a group's names and ids as text[] (pg escapes each element).
      const names = [
        'Lead',
        'a "quoted", {braced} \\ name',
        'rs \u001e inside',
        'NULL',
        'Zürich 🚀',
      ];
      await a.append(
        names.map((eventName, i) => ({ ...entry(i, '5'), accountId: `acc,"${i}"`, eventName })),
      );
      // Past half the lease: PostgreSQL reads them back from its table, not from memory.
      const rows = (await a.claim(20, Date.now() + 2000, [])).filter((r) => r.pixelId === '5');
      expect(rows.map((r) => [r.eventName, r.accountId])).toEqual(
        names.map((n, i) => [n, `acc,"${i}"`]),
      );
      await a.remove(rows.map((r) => r.id));
    });

    it('expires held events older than the retention', async () => {
      await a.append([entry(9, '3')]);
      const gone = await a.expireHeld('3', Date.now() + 1);
      expect(gone.map((g) => g.pixelId)).toEqual(['3']);
    });
  });
}

describe('SQLite outbox across a crash', () => {
  it('gives the next process every event acknowledged through the journal, once', async () => {
    const tmp = tempDir();
    const opts = { maxEvents: 50, leaseMs: 1000, owner: 'x' };
    try {
      const dead = openSqliteOutbox(tmp.dir, opts);
      await dead.append([entry(1), entry(2)]);
      const delivered = await dead.claim(1, Date.now(), []);
      await dead.remove(delivered.map((c) => c.id));
      // No close(): the process was killed with e2 acknowledged and not delivered.
      const next = openSqliteOutbox(tmp.dir, opts);
      expect(next.depth()).toBe(2); // at least once: e1 was not settled on disk either
      const claimed = await next.claim(10, Date.now(), []);
      expect(claimed.map((c) => JSON.parse(c.payload).event_id)).toEqual(['e1', 'e2']);
      await next.remove(claimed.map((c) => c.id));
      await next.close();
      const third = openSqliteOutbox(tmp.dir, opts);
      expect(third.depth()).toBe(0);
      await third.close();
    } finally {
      tmp.remove();
    }
  });

  it('keeps its WAL near its limit while large events are parked, retried and drained, then reuses its disk', async () => {
    const tmp = tempDir();
    const o = openSqliteOutbox(tmp.dir, { maxEvents: 1000, leaseMs: 1000, owner: 'x' });
    const walBytes = () => statSync(join(tmp.dir, 'outbox.db-wal')).size;
    const journalFiles = () => readdirSync(join(tmp.dir, 'journal'));
    const journalBytes = () =>
      journalFiles().reduce((sum, f) => sum + statSync(join(tmp.dir, 'journal', f)).size, 0);
    // A page or two of indexes and freelist beyond a chunk of payloads.
    const walBound = WAL_LIMIT_BYTES + PARK_CHUNK_BYTES + 64 * 1024;
    let largestWal = 0;
    const noteWal = () => (largestWal = Math.max(largestWal, walBytes()));
    try {
      const big = Array.from({ length: 110 }, (_, i) => ({
        ...entry(i),
        payload: JSON.stringify({
          event_name: 'Purchase',
          event_id: `e${i}`,
          n: 'x'.repeat(60_000),
        }),
      }));
      await o.append(big); // 6.6 MB through the journal: its open segment
      const [backlog] = journalFiles();
      const backlogBytes = journalBytes();
      // Meta fails: the whole lane moves into the table, then fails again three times.
      let sent = await o.claim(1000, Date.now(), []);
      for (let round = 0; round < 4; round++) {
        await o.reschedule(
          sent.map((c) => c.id),
          Date.now(),
        );
        noteWal();
        sent = await o.claim(1000, Date.now(), []);
        noteWal();
        expect(sent).toHaveLength(110);
      }
      expect(sent.map(eventId)).toEqual(big.map((_, i) => `e${i}`));
      expect(largestWal).toBeLessThanOrEqual(walBound);
      await o.remove(sent.map((c) => c.id));
      // The drained segment goes: its file is kept to be written over (if it is ready before
      // the next write needs a file), so the journal does not grow past it.
      await vi.waitFor(() => expect(journalFiles()).not.toContain(backlog));
      await o.append([entry(1)]);
      expect(journalBytes()).toBeLessThan(backlogBytes + 64 * 1024);
      expect(walBytes()).toBeLessThanOrEqual(WAL_LIMIT_BYTES);
    } finally {
      await o.close();
      tmp.remove();
    }
  });

  it('after a clean close, gives the next process only what was not delivered', async () => {
    const tmp = tempDir();
    const opts = { maxEvents: 50, leaseMs: 1000, owner: 'x' };
    try {
      const first = openSqliteOutbox(tmp.dir, opts);
      await first.append([entry(1), entry(2), entry(3)]);
      const [delivered, inFlight] = await first.claim(2, Date.now(), []);
      await first.remove([delivered!.id]);
      expect(inFlight).toBeDefined(); // handed out, never settled: sent again, at least once
      await first.close();
      const next = openSqliteOutbox(tmp.dir, opts);
      const claimed = await next.claim(10, Date.now(), []);
      expect(claimed.map((c) => JSON.parse(c.payload).event_id)).toEqual(['e2', 'e3']);
      await next.close();
    } finally {
      tmp.remove();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, requirePostgres } from '@capgw/test/support/databases';
import { openConnection, type Connection } from '../store/db.js';
import { HandOff } from './hand-off.js';
import {
  BatchLedger,
  batchEventId,
  DELETE_BATCHES,
  DELETE_ROWS,
  encodePayloads,
  INSERT_BATCH,
  INSERT_ROWS,
} from './pg-batches.js';

const decode = ({ bytes, ends }: ReturnType<typeof encodePayloads>) => {
  const out: string[] = [];
  let start = 0;
  for (const end of ends) {
    out.push(bytes.toString('utf8', start, end));
    start = end + 1;
  }
  return out;
};

describe('encodePayloads', () => {
  const payloads = ['{"a":"é"}', '{"b":"\\u001e is escaped"}', '{"c":"😀"}'].map((payload) => ({
    payload,
  }));

  it('writes each payload as UTF-8, separated as PostgreSQL splits them', () => {
    const encoded = encodePayloads(payloads);
    expect(decode(encoded)).toEqual(payloads.map((p) => p.payload));
    expect(encoded.bytes.toString('utf8').split('\x1e')).toEqual(payloads.map((p) => p.payload));
  });

  it('reuses the scratch buffer when the payloads surely fit, and takes its own otherwise', () => {
    const roomy = Buffer.alloc(1024);
    expect(encodePayloads(payloads, roomy).bytes.buffer).toBe(roomy.buffer);
    const tight = Buffer.alloc(64); // the bytes would fit, but not 3 per UTF-16 unit
    const encoded = encodePayloads(payloads, tight);
    expect(encoded.bytes.buffer).not.toBe(tight.buffer);
    expect(decode(encoded)).toEqual(payloads.map((p) => p.payload));
  });

  it('refuses a payload holding the separator, which would shift every payload after it', () => {
    expect(() => encodePayloads([{ payload: 'a\x1eb' }])).toThrow('U+001E');
  });
});

describe('BatchLedger', () => {
  const handOut = (ledger: BatchLedger, h: HandOff, batch: number, n: number, at: number) => {
    const entries = Array.from({ length: n }, (_, i) => ({
      pixelId: '1',
      accountId: 'acc',
      eventName: 'E',
      payload: JSON.stringify({ batch, i }),
    }));
    ledger.opened(batch, n, at);
    h.add(
      entries,
      entries.map((_, i) => batchEventId(batch, i)),
      at,
      encodePayloads(entries),
    );
    const taken = h.take(n, at, []);
    ledger.handedOut(taken);
    return taken;
  };

  it('gives a batch back once each of its events is settled, each counted once', () => {
    const ledger = new BatchLedger();
    const [a, b] = handOut(ledger, new HandOff(30_000), 7, 2, 1000);
    expect(ledger.event(a!.id)).toBe(a);
    expect(ledger.settle([a!.id, a!.id])).toEqual([]);
    expect(ledger.event(a!.id)).toBeUndefined();
    expect(ledger.settle([b!.id])).toEqual([7]);
    expect(ledger.event(b!.id)).toBeUndefined();
  });

  it('forgets batches past their lease; their events still out keep their payload as text', () => {
    const ledger = new BatchLedger();
    const h = new HandOff(30_000);
    const [old] = handOut(ledger, h, 1, 1, 1000);
    const [fresh] = handOut(ledger, h, 2, 1, 5000);
    ledger.forgetOlderThan(2000);
    expect(ledger.event(old!.id)).toBeUndefined();
    expect(old!.payloadBytes).toBeUndefined(); // the ring may reuse its bytes
    expect(JSON.parse(old!.payload)).toEqual({ batch: 1, i: 0 });
    expect(ledger.settle([old!.id])).toEqual([]); // its replica's rows now
    expect(ledger.event(fresh!.id)).toBe(fresh);
    expect(ledger.settle([fresh!.id])).toEqual([2]);
  });
});

describe.runIf(await requirePostgres())('settling statements on PostgreSQL', () => {
  let drop: () => Promise<void>;
  let conn: Connection;
  beforeAll(async () => {
    const db = await createPostgresDatabase();
    drop = db.drop;
    conn = await openConnection({ kind: 'postgres', url: db.url });
  });
  afterAll(async () => {
    await conn.close();
    await drop();
  });

  it('delete delivered events without waiting for the disk, in their own transaction only', async () => {
    const client = await conn.pgPool!.connect();
    const setting = async () =>
      String((await client.query('show synchronous_commit')).rows[0].synchronous_commit);
    try {
      const stored = await client.query(INSERT_BATCH, ['a', 0, 0, ['1'], ['acc'], ['E'], '{}']);
      await client.query(INSERT_ROWS, [['1'], ['acc'], ['E'], '{}', [0], [0], 0]);
      const row = await client.query('select id from outbox');
      const usual = await setting();
      for (const [statement, id] of [
        [DELETE_BATCHES, stored.rows[0].id],
        [DELETE_ROWS, row.rows[0].id],
      ]) {
        await client.query('begin');
        expect((await client.query(statement, [[id]])).rowCount).toBe(1);
        expect(await setting()).toBe('off');
        await client.query('commit');
        expect(await setting()).toBe(usual);
      }
    } finally {
      client.release();
    }
  });
});

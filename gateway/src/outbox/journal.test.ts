import { appendFileSync, readdirSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '@capgw/test/support/databases';
import { Journal, readJournal, type Appended } from './journal.js';

const entry = (i: number, pixelId = '1') => ({
  pixelId,
  accountId: 'acc-ü',
  eventName: 'Purchase',
  payload: JSON.stringify({ event_name: 'Purchase', event_id: `e${i}`, note: 'Jöhn ✓' }),
});
/** The sequence numbers an append gave its records. */
const seqsOf = (a: Appended) => a.spans.filter((_, i) => i % 2 === 0).map((_, i) => a.firstSeq + i);
const segments = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.seg'));

describe('Journal', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp?.remove());

  it('counts the bytes of segments that still hold unsettled records, and only those', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir, 64); // a segment holds about one record
    expect(j.unsettledBytes()).toBe(0);
    const a = await j.append([entry(1)], 1000);
    const b = await j.append([entry(2)], 1000);
    const size = (f: string) => statSync(join(tmp.dir, f)).size;
    const [first, second] = segments(tmp.dir).sort();
    expect(j.unsettledBytes()).toBe(size(first!) + size(second!));
    j.settle(seqsOf(a));
    expect(j.unsettledBytes()).toBe(size(second!));
    j.settle(seqsOf(b));
    expect(j.unsettledBytes()).toBe(0);
    j.close(true);
  });

  it('gives back every acknowledged record, in order, to the next process', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir);
    expect(seqsOf(await j.append([entry(1), entry(2)], 1000))).toEqual([0, 1]);
    expect(seqsOf(await j.append([entry(3, '2')], 2000))).toEqual([2]);
    // No close(): the process died here.
    const { records, files } = readJournal(tmp.dir);
    expect(files).toHaveLength(1);
    expect(records).toEqual([
      { ...entry(1), createdAt: 1000 },
      { ...entry(2), createdAt: 1000 },
      { ...entry(3, '2'), createdAt: 2000 },
    ]);
  });

  it('gives each payload back as the bytes it wrote, for the fast lane to keep', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir);
    const written = await j.append([entry(1), entry(2, '2')], 1000);
    const payloads = [0, 1].map((i) =>
      written.bytes.toString('utf8', written.spans[2 * i], written.spans[2 * i + 1]),
    );
    expect(payloads).toEqual([entry(1).payload, entry(2).payload]);
  });

  it('encodes into the bytes it is lent when they fit, else into bytes of its own', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir);
    const payloadsOf = (a: Appended) =>
      seqsOf(a).map((_, i) => a.bytes.toString('utf8', a.spans[2 * i], a.spans[2 * i + 1]));
    // Appends under way at once, lent nothing: each keeps its own bytes.
    const [a, b] = await Promise.all([j.append([entry(1)], 1), j.append([entry(2), entry(3)], 1)]);
    expect(payloadsOf(a)).toEqual([entry(1).payload]);
    expect(payloadsOf(b)).toEqual([entry(2).payload, entry(3).payload]);
    const scratch = Buffer.alloc(4096);
    const c = await j.append([entry(4)], 1, scratch);
    expect(c.bytes.buffer).toBe(scratch.buffer);
    const d = await j.append([entry(5, 'ü')], 1, scratch);
    expect(d.bytes.buffer).toBe(scratch.buffer);
    expect(payloadsOf(d)).toEqual([entry(5).payload]);
    const many = Array.from({ length: 40 }, (_, i) => entry(6 + i));
    const e = await j.append(many, 1, scratch); // past the lent room
    expect(e.bytes.buffer).not.toBe(scratch.buffer);
    expect(payloadsOf(e)).toEqual(many.map((m) => m.payload));
    expect(readJournal(tmp.dir).records.map((r) => r.payload)).toEqual(
      Array.from({ length: 45 }, (_, i) => entry(1 + i).payload),
    );
  });

  it('ignores a record cut short or corrupted by a crash mid-write', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir);
    await j.append([entry(1), entry(2)], 1000);
    const file = join(tmp.dir, segments(tmp.dir)[0]!);
    truncateSync(file, statSync(file).size - 5);
    expect(readJournal(tmp.dir).records.map((r) => r.payload)).toEqual([entry(1).payload]);
    appendFileSync(file, Buffer.from([40, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9]));
    expect(readJournal(tmp.dir).records).toHaveLength(1);
  });

  it('retires a full segment once all of it is settled, and only then', async () => {
    tmp = tempDir();
    // A record is about 100 bytes: one write per segment, and an open one is never reclaimed.
    const j = new Journal(tmp.dir, 150, Infinity);
    const seqs = [
      ...seqsOf(await j.append([entry(1), entry(2)], 1)),
      ...seqsOf(await j.append([entry(3)], 1)),
    ];
    const [first, second] = segments(tmp.dir).sort();
    let synced = 0;
    j.settle([seqs[0]!]);
    expect(j.retirable()).toBe(false);
    j.settle([seqs[1]!]);
    expect(j.retirable()).toBe(true);
    await j.retire(async () => void synced++);
    expect(synced).toBe(1);
    // Its file stays under the next number, for the next segment; its records are gone.
    expect(segments(tmp.dir)).not.toContain(first);
    expect(segments(tmp.dir)).toContain(second);
    expect(readJournal(tmp.dir).records.map((r) => r.payload)).toEqual([entry(3).payload]);
    // The open segment stays while small, even when settled; its records would come back if
    // the process died.
    j.settle([seqs[2]!]);
    await j.retire(async () => void synced++);
    expect(segments(tmp.dir)).toContain(second);
    j.close();
    expect(segments(tmp.dir)).toHaveLength(0);
  });

  it('writes the next segment over a retired one, and none of its old records come back', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir, 150, Infinity);
    j.settle(seqsOf(await j.append([entry(1), entry(2)], 1))); // fills a segment
    await j.retire(async () => undefined);
    const [kept] = segments(tmp.dir);
    const size = statSync(join(tmp.dir, kept!)).size;
    expect(readJournal(tmp.dir).records).toEqual([]); // died before the next write: nothing
    await j.append([entry(4)], 2);
    // Written over the kept file: no new file, no growth. The process dies here.
    expect(segments(tmp.dir)).toEqual([kept]);
    expect(statSync(join(tmp.dir, kept!)).size).toBe(size);
    expect(readJournal(tmp.dir).records).toEqual([{ ...entry(4), createdAt: 2 }]);
  });

  it('does not write into a kept file numbered before a newer segment', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir, 64, Infinity); // every append seals its segment
    const a = await j.append([entry(1)], 1);
    j.settle(seqsOf(a));
    let during: Promise<unknown> | undefined;
    // The next append comes while the settled file is being renamed for reuse: it gets a new
    // file, numbered after the kept one, which is then never used (segments are read back in
    // the order of their numbers).
    await j.retire(async () => void setImmediate(() => (during = j.append([entry(2)], 2))));
    await during;
    await j.append([entry(3)], 3);
    expect(readJournal(tmp.dir).records.map((r) => r.createdAt)).toEqual([2, 3]);
    await vi.waitFor(() => expect(segments(tmp.dir)).toHaveLength(2));
  });

  it('reads back the unseeded records of a segment an older gateway left', () => {
    tmp = tempDir();
    const e = entry(1);
    const fields = [e.pixelId, e.accountId, e.eventName].map((f) => {
      const b = Buffer.from(f);
      return Buffer.concat([Buffer.from([b.length & 255, b.length >> 8]), b]);
    });
    const createdAt = Buffer.alloc(8);
    createdAt.writeDoubleLE(7);
    const body = Buffer.concat([Buffer.from([1]), createdAt, ...fields, Buffer.from(e.payload)]);
    const header = Buffer.alloc(8);
    header.writeUInt32LE(body.length, 0);
    header.writeUInt32LE(crc32(body), 4);
    writeFileSync(join(tmp.dir, '0000000003.seg'), Buffer.concat([header, body]));
    expect(readJournal(tmp.dir).records).toEqual([{ ...e, createdAt: 7 }]);
  });

  it('retires the open segment too once it is settled and large, then writes the next one', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir, 10_000, 250);
    const small = seqsOf(await j.append([entry(1)], 1));
    j.settle(small);
    expect(j.retirable()).toBe(false); // about 100 bytes: not worth a new file yet
    const more = seqsOf(await j.append([entry(2), entry(3)], 1));
    expect(j.retirable()).toBe(false); // past 250 bytes, but holding unsettled records
    j.settle(more);
    expect(j.retirable()).toBe(true);
    const [before] = segments(tmp.dir);
    await j.retire(async () => undefined);
    expect(segments(tmp.dir)).not.toContain(before);
    await j.append([entry(4)], 2);
    const after = segments(tmp.dir);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(readJournal(tmp.dir).records.map((r) => r.createdAt)).toEqual([2]);
  });

  it('keeps on close the segments that still hold unsettled records', async () => {
    tmp = tempDir();
    const j = new Journal(tmp.dir);
    await j.append([entry(1)], 1);
    j.close();
    expect(readJournal(tmp.dir).records).toHaveLength(1);
    // A new journal in the same folder numbers its segments after the old ones.
    const k = new Journal(tmp.dir);
    await k.append([entry(2)], 2);
    expect(readJournal(tmp.dir).records.map((r) => r.createdAt)).toEqual([1, 2]);
  });
});

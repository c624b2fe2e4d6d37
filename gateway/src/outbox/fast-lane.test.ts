import { describe, expect, it } from 'vitest';
import { FastLane, JOURNAL_IDS } from './fast-lane.js';

const entry = (pixelId = '1') => ({ pixelId, accountId: 'acc', eventName: 'E', payload: '{}' });
/** What the journal returns for records numbered from `firstSeq`, each payload `{}`. */
const written = (firstSeq: number, n: number) => ({
  firstSeq,
  bytes: Buffer.from('{}'.repeat(n)),
  spans: Array.from({ length: n }, (_, i) => [2 * i, 2 * i + 2]).flat(),
});
const ids = (rows: { id: number }[]) => rows.map((r) => r.id - JOURNAL_IDS);

describe('FastLane', () => {
  it('hands out rows oldest first, each once while its lease runs', () => {
    const lane = new FastLane(30_000);
    lane.push([entry(), entry(), entry()], written(0, 3), 1000);
    expect(ids(lane.take(2, 1000, []).rows)).toEqual([0, 1]);
    expect(ids(lane.take(10, 1000, []).rows)).toEqual([2]);
    expect(lane.take(10, 1000, []).rows).toEqual([]);
  });

  it('hands a row out again once its lease lapses, and releases it once', () => {
    const lane = new FastLane(10_000);
    lane.push([entry(), entry()], written(0, 2), 1000);
    const first = lane.take(10, 1000, []).rows;
    lane.release([first[1]!.id]);
    expect(ids(lane.take(10, 11_000, []).rows)).toEqual([0]);
    expect(ids(lane.release([first[0]!.id, first[0]!.id, first[1]!.id]))).toEqual([0]);
  });

  it('gives back the rows of held pixels for the table', () => {
    const lane = new FastLane(10_000);
    lane.push([entry('1'), entry('2'), entry('1')], written(0, 3), 1000);
    const { rows, parked } = lane.take(10, 1000, ['2']);
    expect(ids(rows)).toEqual([0, 2]);
    expect(ids(parked)).toEqual([1]);
    expect(lane.room()).toBe(10_000 - 2);
  });

  it('takes out the waiting rows of an expired pixel', () => {
    const lane = new FastLane(10_000);
    lane.push([entry('1'), entry('2')], written(0, 2), 1000);
    lane.push([entry('1')], written(2, 1), 3000);
    expect(ids(lane.drop('1', 2000))).toEqual([0]);
    expect(ids(lane.take(10, 3000, []).rows)).toEqual([1, 2]);
  });

  it('hands out each payload as bytes and, for the rare reader of text, as text', () => {
    const lane = new FastLane(10_000);
    const bytes = Buffer.from('{"a":"Jöhn"}{"b":2}');
    const split = Buffer.byteLength('{"a":"Jöhn"}');
    lane.push(
      [entry(), entry()],
      { firstSeq: 0, bytes, spans: [0, split, split, bytes.length] },
      1,
    );
    const [a, b] = lane.take(10, 1, []).rows;
    expect(Buffer.from(a!.payloadBytes!).toString()).toBe('{"a":"Jöhn"}');
    expect(a!.payload).toBe('{"a":"Jöhn"}');
    expect(b!.payload).toBe('{"b":2}');
  });

  it('keeps a settled row readable until the next push, never after', () => {
    const lane = new FastLane(10_000, 10, 64);
    lane.push([entry()], { firstSeq: 0, bytes: Buffer.from('{"a":1}'), spans: [0, 7] }, 1);
    const [row] = lane.take(10, 1, []).rows;
    // Moved to the table right after release: still readable.
    expect(lane.release([row!.id]).map((r) => r.payload)).toEqual(['{"a":1}']);
    lane.push([entry()], { firstSeq: 1, bytes: Buffer.from('{"b":2}'), spans: [0, 7] }, 1);
    // A second holder of the row (its lease had lapsed) must not read another event's bytes.
    expect(() => row!.payloadBytes).toThrow(/reclaimed/);
    expect(lane.take(10, 1, []).rows.map((r) => r.payload)).toEqual(['{"b":2}']);
  });

  it('keeps as text the payloads its ring has no room for', () => {
    const lane = new FastLane(10_000, 10, 10);
    const bytes = Buffer.from('{"a":1}{"b":2}');
    lane.push([entry(), entry()], { firstSeq: 0, bytes, spans: [0, 7, 7, 14] }, 1);
    const [a, b] = lane.take(10, 1, []).rows;
    expect(a!.payloadBytes).toBeDefined();
    expect(b!.payloadBytes).toBeUndefined();
    expect([a!.payload, b!.payload]).toEqual(['{"a":1}', '{}']); // the entry's own text
  });

  it('gives rows that leave for the table or an error record their payload as text', () => {
    const lane = new FastLane(10_000, 10, 64);
    const bytes = Buffer.from('{"a":1}{"b":2}{"c":3}{"d":4}');
    const rows = [entry('1'), entry('2'), entry('1'), entry('3')];
    lane.push(rows, { firstSeq: 0, bytes, spans: [0, 7, 7, 14, 14, 21, 21, 28] }, 1);
    const dropped = lane.drop('1', 2); // expired while held
    const parked = lane.take(1, 1, ['2']).parked; // held pixel
    const rest = lane.takeAll(); // shutting down
    // The ring reuses every byte for the next push.
    lane.push([entry()], { firstSeq: 4, bytes: Buffer.from('x'.repeat(60)), spans: [0, 60] }, 1);
    expect([...dropped, ...parked, ...rest].map((r) => [r.payloadBytes, r.payload])).toEqual([
      [undefined, '{"a":1}'],
      [undefined, '{"c":3}'],
      [undefined, '{"b":2}'],
      [undefined, '{"d":4}'],
    ]);
  });

  it('counts waiting and handed-out rows against its capacity', () => {
    const lane = new FastLane(10_000, 3);
    lane.push([entry(), entry()], written(0, 2), 1000);
    expect(lane.room()).toBe(1);
    const rows = lane.take(1, 1000, []).rows;
    expect(lane.room()).toBe(1);
    lane.release(rows.map((r) => r.id));
    expect(lane.room()).toBe(2);
  });
});

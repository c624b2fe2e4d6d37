import { describe, expect, it } from 'vitest';
import { WaitingRows, type RowMaker } from './waiting-rows.js';

const asObject: RowMaker<object> = (
  id,
  pixelId,
  accountId,
  eventName,
  createdAt,
  ticket,
  text,
) => ({
  id,
  pixelId,
  accountId,
  eventName,
  createdAt,
  ticket,
  text,
});
const ids = (rows: (object | undefined)[]) => rows.map((r) => (r as { id: number }).id);
const push = (q: WaitingRows, id: number, pixel = 'p1', at = 100) =>
  q.push(id, pixel, 'acc', 'Purchase', at, id * 10, undefined);

describe('WaitingRows', () => {
  it('gives rows back oldest first, with every field they came with', () => {
    const q = new WaitingRows(4);
    push(q, 1);
    q.push(2, 'p2', 'acc2', 'Lead', 200, -1, '{"a":1}');
    expect(q.size).toBe(2);
    expect(q.shift(asObject)).toEqual({
      id: 1,
      pixelId: 'p1',
      accountId: 'acc',
      eventName: 'Purchase',
      createdAt: 100,
      ticket: 10,
      text: undefined,
    });
    expect(q.shift(asObject)).toMatchObject({ id: 2, pixelId: 'p2', ticket: -1, text: '{"a":1}' });
    expect(q.shift(asObject)).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('takes rows out of the middle and skips their places afterwards', () => {
    const q = new WaitingRows(8);
    [1, 2, 3, 4].forEach((id) => push(q, id, id % 2 ? 'odd' : 'even', id * 100));
    expect(ids(q.removeWhere((pixel, at) => pixel === 'odd' && at < 250, asObject))).toEqual([1]);
    expect(q.size).toBe(3);
    expect(ids([q.shift(asObject), q.shift(asObject), q.shift(asObject)])).toEqual([2, 3, 4]);
    expect(q.size).toBe(0);
  });

  it('grows past its first capacity, wrapped rows and removed places included, in order', () => {
    const q = new WaitingRows(4);
    [1, 2, 3].forEach((id) => push(q, id));
    q.shift(asObject); // the next pushes wrap around the end of the columns
    [4, 5].forEach((id) => push(q, id));
    expect(ids(q.removeWhere((pixel) => pixel === 'x', asObject))).toEqual([]);
    push(q, 6, 'x');
    expect(ids(q.removeWhere((pixel) => pixel === 'x', asObject))).toEqual([6]);
    [7, 8, 9].forEach((id) => push(q, id)); // past 4 places: grows
    const out = [];
    for (let r = q.shift(asObject); r; r = q.shift(asObject)) out.push(r);
    expect(ids(out)).toEqual([2, 3, 4, 5, 7, 8, 9]);
  });
});

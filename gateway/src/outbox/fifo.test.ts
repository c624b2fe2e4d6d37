import { describe, expect, it } from 'vitest';
import { Fifo } from './fifo.js';

describe('Fifo', () => {
  it('gives items back in order across its compactions', () => {
    const q = new Fifo<number>();
    for (let i = 0; i < 5000; i++) q.push(i);
    const out: number[] = [];
    for (let i = 0; i < 3000; i++) out.push(q.shift()!);
    for (let i = 5000; i < 5010; i++) q.push(i);
    while (q.size > 0) out.push(q.shift()!);
    expect(out).toEqual(Array.from({ length: 5010 }, (_, i) => i));
    expect(q.shift()).toBeUndefined();
  });

  it('takes out the picked items and keeps the order of the rest', () => {
    const q = new Fifo<number>();
    for (let i = 0; i < 6; i++) q.push(i);
    q.shift();
    expect(q.removeWhere((n) => n % 2 === 0)).toEqual([2, 4]);
    expect([q.shift(), q.shift(), q.shift(), q.size]).toEqual([1, 3, 5, 0]);
  });
});

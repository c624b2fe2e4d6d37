import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../../api/types';
import { buckets, totals } from './metrics-summary';

const row = (pixel_id: string, minute: number, n: Partial<MetricsRow>): MetricsRow => ({
  pixel_id,
  minute,
  event_name: 'Purchase',
  received: 0,
  published: 0,
  failed: 0,
  rejected: 0,
  ...n,
});

describe('metrics summary', () => {
  const now = 10 * 3600_000;
  const series = [
    row('1', now - 30 * 60_000, { received: 5, published: 4, failed: 1 }),
    row('2', now - 90 * 60_000, { received: 2, published: 2, rejected: 3 }),
  ];

  it('sums overall and per pixel', () => {
    const t = totals(series);
    expect(t.all).toEqual({ received: 7, published: 6, failed: 1, rejected: 3 });
    expect(t.byPixel.get('2')).toEqual({ received: 2, published: 2, failed: 0, rejected: 3 });
  });

  it('puts arrivals (accepted or rejected) and problems into hourly slots ending now', () => {
    const b = buckets(series, 180, 3, now);
    expect(b.map((x) => [x.received, x.failed])).toEqual([
      [0, 0],
      [5, 3],
      [5, 1],
    ]);
  });
});

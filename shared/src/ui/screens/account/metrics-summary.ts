import type { MetricsRow } from '../../api/types';

export interface Totals {
  received: number;
  published: number;
  failed: number;
  rejected: number;
}

const zero = (): Totals => ({ received: 0, published: 0, failed: 0, rejected: 0 });

function add(t: Totals, r: MetricsRow): void {
  t.received += r.received;
  t.published += r.published;
  t.failed += r.failed;
  t.rejected += r.rejected;
}

/** Sums of the per-minute counters, overall and per pixel. */
export function totals(series: MetricsRow[]): { all: Totals; byPixel: Map<string, Totals> } {
  const all = zero();
  const byPixel = new Map<string, Totals>();
  for (const r of series) {
    add(all, r);
    const t = byPixel.get(r.pixel_id) ?? zero();
    add(t, r);
    byPixel.set(r.pixel_id, t);
  }
  return { all, byPixel };
}

/**
 * `count` equal time slots ending now, oldest first: events that arrived in each (accepted or
 * rejected at intake), and how many of those went wrong (rejected, or refused by Meta).
 */
export function buckets(series: MetricsRow[], minutes: number, count: number, now = Date.now()) {
  const size = (minutes * 60_000) / count;
  const start = now - minutes * 60_000;
  const out = Array.from({ length: count }, (_, i) => ({
    at: start + i * size,
    received: 0,
    failed: 0,
  }));
  for (const r of series) {
    const i = Math.floor((r.minute - start) / size);
    const b = out[Math.min(Math.max(i, 0), count - 1)]!;
    b.received += r.received + r.rejected;
    b.failed += r.failed + r.rejected;
  }
  return out;
}

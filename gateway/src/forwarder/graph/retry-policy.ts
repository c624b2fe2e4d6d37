// When to try a batch again after a `retry` result. Pure (randomness is injected) so the outbox
// can store "not before" timestamps and tests can pin exact delays.

export interface RetryPolicyOptions {
  /** Ceiling of the first retry's window. */
  baseMs?: number;
  /** Ceiling of any window, and the most a Retry-After may ask for. */
  maxMs?: number;
  /** The server's Retry-After (GraphSendResult.retryAfterMs): the delay never goes below it. */
  retryAfterMs?: number;
}

export const DEFAULT_RETRY_BASE_MS = 1000;
export const DEFAULT_RETRY_MAX_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (1 = the first retry after the first failure).
 *
 * Full jitter (a uniform pick in [0, min(max, base·2^(attempt-1))]) rather than equal or
 * decorrelated jitter: when Meta has an outage every pixel of every gateway fails at once, and
 * full jitter spreads their comebacks the most. A Retry-After is a floor on top of that, but is
 * clamped to maxMs so a bogus header cannot park a pixel for hours.
 */
export function nextRetryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  opts: RetryPolicyOptions = {},
): number {
  const maxMs = positive(opts.maxMs, DEFAULT_RETRY_MAX_MS);
  // A maxMs below baseMs (fast test configs) lowers the base rather than being ignored.
  const baseMs = Math.min(positive(opts.baseMs, DEFAULT_RETRY_BASE_MS), maxMs);
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2 ** 1100 is Infinity, which Math.min clamps: no overflow guard is needed past that point.
  const window = Math.min(maxMs, baseMs * 2 ** (n - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  const jittered = Math.floor(unit * window);
  const floor = Math.min(maxMs, positive(opts.retryAfterMs, 0));
  return Math.max(jittered, Math.ceil(floor));
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
}

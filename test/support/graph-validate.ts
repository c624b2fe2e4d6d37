import { ACTION_SOURCES as META_ACTION_SOURCES } from '../../shared/src/schemas/intake.js';
// The stand-in's copy of Meta's CAPI validation (research notes §7.2–7.4). Meta rejects the whole
// batch when any event is invalid and names only the first offender; this does the same, so the
// gateway's batch-isolation logic meets the behaviour it will meet in production.

export interface Violation {
  /** Index of the first invalid event, absent when the problem is `data` itself. */
  index?: number;
  /** Meta-style JSONPath, e.g. $['data'][3]['user_data']['em']. */
  path: string;
  /** Completes "The parameter <path> …", e.g. "is required". */
  problem: string;
}

export const MAX_BATCH = 1000;
const SEVEN_DAYS_S = 7 * 86_400;
const PHYSICAL_STORE_S = 62 * 86_400; // documented exception for store uploads
const FUTURE_SLACK_S = 60;

// Meta's list, shared with the gateway's own intake schema.
const ACTION_SOURCES: ReadonlySet<string> = new Set(META_ACTION_SOURCES);
// Keys Meta requires hashed. external_id is only "recommended" hashed, so plain values pass.
const HASHED_KEYS = ['em', 'ph', 'fn', 'ln', 'db', 'ge', 'ct', 'st', 'zp', 'country'] as const;
// SHA-256 hex, optionally with the parameter-builder's ".<appendix>" suffix (§7.3).
const HASHED = /^[0-9a-f]{64}(\.[A-Za-z0-9_-]+)?$/i;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** First violation in a request's `data`, or null when Meta would accept the batch. */
export function validateBatch(data: unknown, nowMs = Date.now()): Violation | null {
  if (data === undefined || data === null) return { path: "$['data']", problem: 'is required' };
  if (!Array.isArray(data)) return { path: "$['data']", problem: 'must be an array' };
  if (data.length === 0) return { path: "$['data']", problem: 'must contain at least one event' };
  if (data.length > MAX_BATCH) {
    return {
      path: "$['data']",
      problem: `contains ${data.length} events, more than the maximum of ${MAX_BATCH}`,
    };
  }
  for (let i = 0; i < data.length; i++) {
    const v = validateEvent(data[i], nowMs);
    if (v) return { index: i, path: `$['data'][${i}]${v.at}`, problem: v.problem };
  }
  return null;
}

function validateEvent(e: unknown, nowMs: number): { at: string; problem: string } | null {
  if (!isObject(e)) return { at: '', problem: 'must be an object' };
  if (!nonEmptyString(e.event_name)) return { at: "['event_name']", problem: 'is required' };

  if (e.event_time === undefined) return { at: "['event_time']", problem: 'is required' };
  if (typeof e.event_time !== 'number' || !Number.isFinite(e.event_time)) {
    return { at: "['event_time']", problem: 'must be a Unix timestamp in seconds' };
  }
  if (!nonEmptyString(e.action_source)) return { at: "['action_source']", problem: 'is required' };
  if (!ACTION_SOURCES.has(e.action_source))
    return { at: "['action_source']", problem: 'is not a valid value' };

  const now = nowMs / 1000;
  const maxAge = e.action_source === 'physical_store' ? PHYSICAL_STORE_S : SEVEN_DAYS_S;
  if (e.event_time < now - maxAge) {
    return { at: "['event_time']", problem: `is more than ${maxAge / 86_400} days in the past` };
  }
  if (e.event_time > now + FUTURE_SLACK_S)
    return { at: "['event_time']", problem: 'is in the future' };

  if (e.user_data !== undefined && !isObject(e.user_data)) {
    return { at: "['user_data']", problem: 'must be an object' };
  }
  const ud = e.user_data ?? {};
  if (e.action_source === 'website') {
    if (!nonEmptyString(e.event_source_url))
      return { at: "['event_source_url']", problem: 'is required for website events' };
    if (!nonEmptyString(ud.client_user_agent)) {
      return {
        at: "['user_data']['client_user_agent']",
        problem: 'is required for website events',
      };
    }
  }
  for (const key of HASHED_KEYS) {
    const value = ud[key];
    if (value === undefined) continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every((x) => typeof x === 'string' && HASHED.test(x))) {
      return {
        at: `['user_data']['${key}']`,
        problem: 'must be a SHA-256 hash (64 hex characters)',
      };
    }
  }
  if (e.custom_data !== undefined && !isObject(e.custom_data)) {
    return { at: "['custom_data']", problem: 'must be an object' };
  }
  // Test hook: lets a suite plant one bad event anywhere in a batch without crafting a real defect.
  if (isObject(e.custom_data) && e.custom_data.poison === true) {
    return { at: "['custom_data']['poison']", problem: 'is invalid' };
  }
  return null;
}

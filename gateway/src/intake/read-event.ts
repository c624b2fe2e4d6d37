import { ACTION_SOURCES, IntakeEvent, INTAKE_LIMITS } from '@capgw/shared/schemas/intake';

// IntakeEvent.safeParse costs about 3 µs per event, a fifth of everything intake does for
// one. This reads the events browsers and servers actually send in a tenth of that. It only
// ever answers "valid, and here is what zod would have returned" (known keys in schema order,
// event_name trimmed, unknown keys dropped); for anything else it answers undefined and zod
// decides, so zod alone words the errors. read-event.test.ts holds the two to agreement.

type Check = (v: unknown) => boolean;

const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const safeInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
const actionSources: ReadonlySet<unknown> = new Set(ACTION_SOURCES);

/** A JSON object (no array, no class instance) whose keys and values pass; no own __proto__. */
const record =
  (maxKey: number, value: Check): Check =>
  (v) => {
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype)
      return false;
    for (const k in v) {
      // zod drops an own "__proto__" key from a record's copy: leave that case to zod.
      if (k.length > maxKey || k === '__proto__') return false;
      if (!value((v as Record<string, unknown>)[k])) return false;
    }
    return true;
  };
const anything: Check = () => true;
const userDataItem = (v: unknown) => text(1024)(v) || finite(v);
const userDataValue: Check = (v) =>
  userDataItem(v) || (Array.isArray(v) && v.length <= 20 && v.every(userDataItem));

/** Every field of IntakeEvent but event_name, in the schema's order. */
const FIELDS: readonly (readonly [keyof IntakeEvent, Check])[] = [
  ['event_id', text(256)],
  ['event_time', (v) => safeInt(v) && (v as number) > 0],
  ['event_source_url', text(INTAKE_LIMITS.maxUrlLength)],
  ['referrer_url', text(INTAKE_LIMITS.maxUrlLength)],
  ['action_source', (v) => actionSources.has(v)],
  ['user_data', record(64, userDataValue)],
  ['custom_data', record(256, anything)],
  ['opt_out', (v) => typeof v === 'boolean'],
  ['data_processing_options', (v) => Array.isArray(v) && v.length <= 8 && v.every(text(32))],
  ['data_processing_options_country', safeInt],
  ['data_processing_options_state', safeInt],
  ['app_data', record(Infinity, anything)],
  ['original_event_data', record(Infinity, anything)],
  ['attribution_data', record(Infinity, anything)],
  ['messaging_channel', text(64)],
];

/** The keys this reader knows, for the test that fails when the shared schema grows. */
export const READ_EVENT_KEYS = ['event_name', ...FIELDS.map(([k]) => k)];

/** What IntakeEvent.safeParse(raw).data would be, or undefined: then ask zod. */
export function readEvent(raw: unknown): IntakeEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype)
    return undefined;
  const input = raw as Record<string, unknown>;
  const name = input.event_name;
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > INTAKE_LIMITS.maxEventNameLength) return undefined;
  const out: Record<string, unknown> = { event_name: trimmed };
  for (const [key, valid] of FIELDS) {
    const v = input[key];
    if (v === undefined) continue;
    if (!valid(v)) return undefined;
    out[key] = v;
  }
  return out as IntakeEvent;
}

/** The validated event: the fast reader's answer, else zod's (with its first problem). */
export function parseEvent(
  raw: unknown,
): { ok: true; event: IntakeEvent } | { ok: false; message: string } {
  const fast = readEvent(raw);
  if (fast) return { ok: true, event: fast };
  const parsed = IntakeEvent.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid event'}` };
}

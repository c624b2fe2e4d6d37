import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_SOURCES, IntakeEvent } from '@capgw/shared/schemas/intake';
import { parseEvent, READ_EVENT_KEYS, readEvent } from './read-event.js';

// Values near every limit of the schema, valid and not, so both readers are pushed to the edge.
const str = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.string({ minLength: max - 1, maxLength: max + 1 }),
    fc.constantFrom('', '  ', ' Purchase ', '__proto__'),
  );
const num = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, 2 ** 53 + 2, 1_764_300_000),
);
const scalar = fc.oneof(str(1024), num, fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.object({ maxDepth: 1 }));
// Mostly valid, sometimes not: every event then has a fair chance of being valid as a whole.
const mostly = <T, U>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: other, weight: 1 });
const text = (max: number) => fc.string({ maxLength: Math.min(max, 12) });
const userData = mostly(
  fc.dictionary(
    mostly(
      fc.constantFrom('em', 'ph', 'fn', 'client_user_agent'),
      fc.constantFrom('__proto__', 'k'.repeat(65)),
    ),
    mostly(
      fc.oneof(
        text(1024),
        fc.integer(),
        fc.array(fc.oneof(text(1024), fc.double()), { maxLength: 3 }),
      ),
      fc.oneof(str(1024), num, fc.array(fc.oneof(str(1024), num), { maxLength: 21 }), anyValue),
    ),
    { maxKeys: 4 },
  ),
  anyValue,
);
const event = fc.record(
  {
    event_name: mostly(
      fc.constantFrom('Purchase', ' Lead ', 'x'.repeat(100)),
      fc.oneof(str(100), anyValue),
    ),
    event_id: mostly(text(256), fc.oneof(str(256), anyValue)),
    event_time: mostly(fc.integer({ min: 1, max: 2 ** 40 }), num),
    event_source_url: mostly(fc.webUrl(), str(4096)),
    action_source: mostly(fc.constantFrom(...ACTION_SOURCES), str(10)),
    user_data: userData,
    custom_data: mostly(
      fc.dictionary(text(256), anyValue, { maxKeys: 3 }),
      fc.oneof(str(3), anyValue),
    ),
    opt_out: mostly(fc.boolean(), anyValue),
    data_processing_options: mostly(
      fc.array(text(32), { maxLength: 8 }),
      fc.oneof(fc.array(str(32), { maxLength: 9 }), anyValue),
    ),
    data_processing_options_country: mostly(fc.integer(), num),
    app_data: mostly(fc.object({ maxDepth: 1 }), anyValue),
    messaging_channel: mostly(text(64), str(64)),
    unknown_field: anyValue,
  },
  { requiredKeys: [] },
);
// JSON.parse can give an object an own "__proto__" key; literal objects cannot.
const viaJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('readEvent, the fast reader of intake events', () => {
  it('accepts only what the schema accepts, and returns exactly what zod returns', () => {
    let fast = 0;
    fc.assert(
      fc.property(event, (generated) => {
        const raw = viaJson(generated);
        const read = readEvent(raw);
        if (read === undefined) return;
        fast++;
        const zod = IntakeEvent.safeParse(raw);
        expect(zod.success).toBe(true);
        // Same values and the same key order: the stored JSON is byte for byte the same.
        expect(JSON.stringify(read)).toBe(JSON.stringify(zod.data));
      }),
      { numRuns: 5000 },
    );
    expect(fast).toBeGreaterThan(100); // the property above says something
  });

  it('reads a typical browser event without zod', () => {
    const raw = {
      event_name: 'Purchase',
      event_id: 'e-1',
      event_time: 1_764_300_000,
      event_source_url: 'https://shop.example/thanks',
      user_data: { em: 'a@b.example', ph: ['+1 650 555 1212', 6505551212], fbp: 'fb.1.1.1' },
      custom_data: { value: 12.5, currency: 'EUR', contents: [{ id: 'sku' }] },
    };
    expect(readEvent(raw)).toEqual(raw);
  });

  it('leaves every doubtful event to zod, which names the problem', () => {
    expect(readEvent({ event_name: '  ' })).toBeUndefined();
    expect(parseEvent({ event_name: '  ' })).toEqual({
      ok: false,
      message: 'event_name: Too small: expected string to have >=1 characters',
    });
    expect(readEvent(JSON.parse('{"event_name":"E","custom_data":{"__proto__":{}}}'))).toBe(
      undefined,
    );
    expect(parseEvent({ event_name: 'E', event_time: 2 ** 53 + 2 }).ok).toBe(false);
  });

  it('knows every field of the shared schema (a new field must be taught to it)', () => {
    expect(READ_EVENT_KEYS).toEqual(Object.keys(IntakeEvent.shape));
  });
});

// The bodies every target receives: the same realistic browser events, so the gateway, the bare
// endpoint and the SDK baseline parse, validate and hash the same bytes.

/** Pixel configured on every target (the SDK baseline ignores it beyond the Graph path). */
export const BENCH_PIXEL = '1234567890';
export const BENCH_UA = 'Mozilla/5.0 (X11; Linux x86_64) capgw-bench';

/** `[<id>]` is replaced by autocannon with a fresh id per request (idReplacement). */
export const ID_TAG = '[<id>]';

/** One website event as the browser client sends it: plain user data the server must hash. */
export function eventJson(id: string, eventTime: number, i = 0): string {
  return JSON.stringify({
    event_name: 'Purchase',
    event_id: `${id}-${i}`,
    event_time: eventTime,
    event_source_url: 'https://shop.example/checkout/thanks?fbclid=IwAR0bench',
    action_source: 'website',
    user_data: {
      em: `Customer.${i}@Example.com`,
      ph: '+1 (650) 555-1212',
      fn: 'Jöhn',
      ln: 'Smith',
      ct: 'Menlo Park',
      st: 'California',
      zp: '94025',
      country: 'US',
      external_id: `user-${i}`,
      fbp: 'fb.1.1700000000000.1234567890',
    },
    custom_data: { currency: 'USD', value: 42.5, content_ids: ['sku-1', 'sku-2'] },
  });
}

/** `{"pixel_id","events":[…]}` with `n` events whose ids carry `id`. */
export function browserBody(n: number, id: string, eventTime: number, pixelId = BENCH_PIXEL) {
  const events = Array.from({ length: n }, (_, i) => eventJson(id, eventTime, i)).join(',');
  return `{"pixel_id":"${pixelId}","events":[${events}]}`;
}

/** The WebSocket `events` message around the same events. */
export function wsMessage(n: number, id: string, seq: number, eventTime: number): string {
  return `{"type":"events","seq":${seq},${browserBody(n, id, eventTime).slice(1)}`;
}

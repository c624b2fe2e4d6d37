// Events Meta's CAPI accepts, for any suite that needs a valid baseline to break on purpose, plus
// a tiny poster for the Graph stand-in. Shared so every suite agrees on what "valid" means.

/** A syntactically valid SHA-256 (Meta checks the shape, not the preimage). */
export const SAMPLE_HASH = 'a'.repeat(64);

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A website event carrying everything Meta requires of one; `over` replaces top-level keys. */
export function validWebEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_name: 'Purchase',
    event_time: nowSeconds(),
    action_source: 'website',
    event_source_url: 'https://shop.example/checkout',
    user_data: { client_user_agent: 'Mozilla/5.0', em: SAMPLE_HASH },
    custom_data: { currency: 'EUR', value: 12.5 },
    ...over,
  };
}

/** validWebEvent as JSON text, the form GraphClient.send takes. */
export const validWebEventJson = (over: Record<string, unknown> = {}): string =>
  JSON.stringify(validWebEvent(over));

/** One event the stand-in (and only the stand-in) rejects: a planted defect at a known index. */
export const poisonEvent = (): Record<string, unknown> =>
  validWebEvent({ custom_data: { poison: true } });

export interface PostResult {
  status: number;
  body: any;
  headers: Headers;
}

/** POSTs `{data, access_token, ...extra}` as JSON to `{url}/v25.0/{pixel}/events`. */
export async function postEvents(
  url: string,
  pixel: string,
  data: unknown,
  extra: Record<string, unknown> = {},
): Promise<PostResult> {
  const res = await fetch(`${url}/v25.0/${pixel}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data, access_token: 'tok', ...extra }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

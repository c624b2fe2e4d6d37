// Turns one Graph API answer into a forwarding decision. Pure, so every rule below is unit-tested
// without a network; GraphClient.send is the only production caller.

export interface GraphError {
  status: number;
  code?: number;
  subcode?: number;
  type?: string;
  message: string;
  fbtraceId?: string;
  /** Meta's `error_user_title` / `error_user_msg`: the human text worth showing on the pixel. */
  userTitle?: string;
  userMessage?: string;
  /** First offending event, parsed from `$['data'][I]` in the user message, when Meta names one. */
  eventIndex?: number;
}

export type GraphSendResult =
  | { kind: 'ok'; eventsReceived: number; fbtraceId?: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'token_invalid'; error: GraphError }
  | { kind: 'rejected'; error: GraphError };

export type GraphHeaders = Readonly<Record<string, string | string[] | undefined>>;

// Graph codes that mean "try again later": unknown/service errors and every throttling family
// (app 4, user 17, page 32, api 613, app limit 341, business-use-case 80000–80014). Marketing API
// throttling applies to CAPI calls, so its codes are treated like the generic ones.
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);
const isThrottleFamily = (code: number) => code >= 80000 && code <= 80014;

// 190 invalid/expired token, 102 session, 104 token missing. Holding events until an operator
// replaces the token is correct for these; dropping them as "rejected" would lose data.
const TOKEN_CODES = new Set([102, 104, 190]);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : undefined;
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;

function header(headers: GraphHeaders, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Retry-After as milliseconds: delta-seconds (what Meta sends) or an HTTP-date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function toGraphError(status: number, body: unknown): { error: GraphError; transient: boolean } {
  const e = obj(obj(body)?.error);
  const userMessage = str(e?.error_user_msg);
  const index = userMessage?.match(/\$\['data'\]\[(\d+)\]/)?.[1];
  const error: GraphError = {
    status,
    code: int(e?.code),
    subcode: int(e?.error_subcode),
    type: str(e?.type),
    message: str(e?.message) ?? `HTTP ${status}`,
    fbtraceId: str(e?.fbtrace_id) ?? str(obj(body)?.fbtrace_id),
    userTitle: str(e?.error_user_title),
    userMessage,
    eventIndex: index === undefined ? undefined : Number(index),
  };
  for (const k of Object.keys(error) as (keyof GraphError)[])
    if (error[k] === undefined) delete error[k];
  return { error, transient: e?.is_transient === true };
}

function isTokenProblem(e: GraphError): boolean {
  if (e.code !== undefined && TOKEN_CODES.has(e.code)) return true;
  // Graph docs: an OAuthException without a subcode means the token is expired, revoked or lacks
  // permission (codes 10, 200–299). Code 100 is excluded: CAPI parameter errors are also typed
  // OAuthException and would otherwise park a pixel for a payload bug.
  if (e.type !== 'OAuthException' || e.subcode !== undefined) return false;
  return e.code === undefined || e.code === 10 || (e.code >= 200 && e.code <= 299);
}

/**
 * Classify a Graph response. `body` is the parsed JSON (or anything else when it did not parse).
 * Order matters: transient signals win over the OAuthException rule, because throttling errors
 * (code 4, 17) are typed OAuthException too.
 */
export function classifyGraphResponse(
  status: number,
  body: unknown,
  headers: GraphHeaders,
  now = Date.now(),
): GraphSendResult {
  if (status >= 200 && status < 300) {
    const b = obj(body);
    const received = int(b?.events_received) ?? 0;
    const fbtraceId = str(b?.fbtrace_id);
    return fbtraceId
      ? { kind: 'ok', eventsReceived: received, fbtraceId }
      : { kind: 'ok', eventsReceived: received };
  }
  const { error, transient } = toGraphError(status, body);
  if (error.code !== undefined && TOKEN_CODES.has(error.code))
    return { kind: 'token_invalid', error };

  const retryable =
    status >= 500 ||
    status === 429 ||
    status === 408 ||
    transient ||
    (error.code !== undefined &&
      (TRANSIENT_CODES.has(error.code) || isThrottleFamily(error.code))) ||
    status < 400; // 1xx/3xx from Graph means a proxy or a wrong base URL: keep the events
  if (retryable) {
    const codeText = error.code === undefined ? '' : ` code ${error.code}`;
    const reason = `HTTP ${status}${codeText}: ${error.message}`;
    const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
    return retryAfterMs === undefined
      ? { kind: 'retry', reason }
      : { kind: 'retry', reason, retryAfterMs };
  }
  if (isTokenProblem(error)) return { kind: 'token_invalid', error };
  return { kind: 'rejected', error };
}

// Failure text that may leave GraphClient. The token travels in the request body, and undici
// errors can hold request options, so nothing here passes an error object or body through.
import type { GraphSendResult } from './graph-classify.js';

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// Only the error's code and message are kept: undici errors can carry request options (and thus
// the body with the token) in other properties, so the error object itself never leaves here.
export function describeFailure(err: unknown, timeoutMs: number): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
  };
  if (e.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
  const code = typeof e.code === 'string' ? e.code : 'UNKNOWN';
  const message =
    typeof e.message === 'string' ? e.message.slice(0, 300) : String(err).slice(0, 300);
  if (TIMEOUT_CODES.has(code)) return `timeout after ${timeoutMs} ms (${code})`;
  return `network error ${code}: ${message}`;
}

/** Belt and braces: whatever Meta or a proxy echoed back, the token never leaves in a result. */
export function redact(result: GraphSendResult, token: string): GraphSendResult {
  if (token.length === 0) return result;
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return v.split(token).join('[redacted]');
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    }
    return v;
  };
  return scrub(result) as GraphSendResult;
}

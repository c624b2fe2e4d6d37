import { describe, expect, it } from 'vitest';
import { classifyGraphResponse, parseRetryAfter } from './graph-classify.js';

const err = (fields: Record<string, unknown>) => ({
  error: { message: 'm', fbtrace_id: 'TRACE', ...fields },
});
const kind = (status: number, body: unknown, headers = {}) =>
  classifyGraphResponse(status, body, headers).kind;

describe('classifyGraphResponse', () => {
  it('treats 2xx as delivered, with the count and trace id Meta returned', () => {
    expect(
      classifyGraphResponse(200, { events_received: 3, messages: [], fbtrace_id: 'T' }, {}),
    ).toEqual({
      kind: 'ok',
      eventsReceived: 3,
      fbtraceId: 'T',
    });
    expect(classifyGraphResponse(200, undefined, {})).toEqual({ kind: 'ok', eventsReceived: 0 });
  });

  it('retries server errors, 429 and 408 whatever the body says', () => {
    for (const status of [500, 502, 503, 504, 429, 408])
      expect(kind(status, '<html>')).toBe('retry');
  });

  it('retries the transient and throttling Graph codes even when they come as a 400', () => {
    for (const code of [1, 2, 4, 17, 32, 341, 613, 80004]) {
      expect(kind(400, err({ code, type: 'OAuthException' }))).toBe('retry');
    }
    expect(kind(400, err({ code: 100, is_transient: true }))).toBe('retry');
  });

  it('takes the retry delay from Retry-After in seconds or as an HTTP date', () => {
    expect(classifyGraphResponse(429, err({ code: 4 }), { 'retry-after': '2' })).toMatchObject({
      retryAfterMs: 2000,
    });
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(classifyGraphResponse(503, undefined, {})).not.toHaveProperty('retryAfterMs');
  });

  it('reports token problems: 190, 102, 104, and OAuthException without subcode for permissions', () => {
    for (const code of [190, 102, 104])
      expect(kind(400, err({ code, type: 'OAuthException' }))).toBe('token_invalid');
    expect(kind(400, err({ code: 190, error_subcode: 463, type: 'OAuthException' }))).toBe(
      'token_invalid',
    );
    expect(kind(403, err({ code: 200, type: 'OAuthException' }))).toBe('token_invalid');
    expect(kind(400, err({ code: 10, type: 'OAuthException' }))).toBe('token_invalid');
  });

  it('rejects CAPI parameter errors (code 100, OAuthException) instead of blaming the token', () => {
    const r = classifyGraphResponse(
      400,
      err({
        code: 100,
        error_subcode: 2804019,
        type: 'OAuthException',
        is_transient: false,
        error_user_title: 'Server-side API parameter error',
        error_user_msg: "The parameter $['data'][7]['event_time'] is required.",
      }),
      {},
    );
    expect(r).toEqual({
      kind: 'rejected',
      error: {
        status: 400,
        code: 100,
        subcode: 2804019,
        type: 'OAuthException',
        message: 'm',
        fbtraceId: 'TRACE',
        userTitle: 'Server-side API parameter error',
        userMessage: "The parameter $['data'][7]['event_time'] is required.",
        eventIndex: 7,
      },
    });
    expect(kind(400, err({ code: 100, type: 'OAuthException' }))).toBe('rejected');
  });

  it('rejects any other 4xx, including ones without a Graph body', () => {
    expect(kind(400, err({ code: 368, type: 'OAuthException', error_subcode: 1390008 }))).toBe(
      'rejected',
    );
    expect(classifyGraphResponse(413, 'too big', {})).toEqual({
      kind: 'rejected',
      error: { status: 413, message: 'HTTP 413' },
    });
  });

  it('retries redirects and other non-final statuses so events are kept while the URL is fixed', () => {
    expect(kind(301, undefined)).toBe('retry');
  });
});

// Request parsing and answer bodies for the Graph stand-in, shaped like Meta's (research notes
// §7.4) so the gateway's classifier is exercised against realistic payloads, not test-only ones.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Violation } from './graph-validate.js';

export interface GraphAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ParsedRequest {
  data: unknown;
  accessToken?: string;
  testEventCode?: string;
}

/** Bigger than any real batch (1000 events of a few KB) yet bounded, so a runaway test can't OOM us. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export const fbtraceId = (): string => `A${randomBytes(8).toString('base64url')}`;

function graphError(
  status: number,
  fields: Record<string, unknown>,
  headers?: Record<string, string>,
): GraphAnswer {
  return { status, headers, body: { error: { ...fields, fbtrace_id: fbtraceId() } } };
}

export const answers = {
  ok: (n: number): GraphAnswer => ({
    status: 200,
    body: { events_received: n, messages: [], fbtrace_id: fbtraceId() },
  }),
  serverError: () =>
    graphError(500, {
      message: 'An unexpected error has occurred. Please retry your request later.',
      type: 'OAuthException',
      is_transient: true,
      code: 2,
    }),
  outage: () =>
    graphError(503, {
      message: 'Service temporarily unavailable',
      type: 'OAuthException',
      is_transient: true,
      code: 2,
    }),
  throttled: () =>
    graphError(
      429,
      {
        message: '(#4) Application request limit reached',
        type: 'OAuthException',
        is_transient: true,
        code: 4,
      },
      { 'retry-after': '1' },
    ),
  invalidToken: () =>
    graphError(400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    }),
  missingToken: () =>
    graphError(400, {
      message: 'An access token is required to request this resource.',
      type: 'OAuthException',
      code: 104,
    }),
  invalidParameter: (v: Violation) =>
    graphError(400, {
      message: 'Invalid parameter',
      type: 'OAuthException',
      code: 100,
      error_subcode: 2804019,
      is_transient: false,
      error_user_title: 'Server-side API parameter error',
      error_user_msg: `The parameter ${v.path} ${v.problem}.`,
    }),
  tooLarge: () =>
    graphError(413, { message: 'Request body too large', type: 'OAuthException', code: 1 }),
  notFound: (path: string) =>
    graphError(404, {
      message: `Unknown path components: ${path}`,
      type: 'OAuthException',
      code: 2500,
    }),
};

/** Reads the body up to MAX_BODY_BYTES; null means it was larger. */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Graph takes parameters as a JSON body or as a form (with `data` as JSON text), and
 * access_token from either the body or the query string. Returns a Violation when the body
 * cannot be understood at all.
 */
export function parseRequest(
  raw: string,
  contentType: string,
  query: URLSearchParams,
): ParsedRequest | Violation {
  let params: Record<string, unknown>;
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw);
      const data = form.get('data');
      params = {
        data: data === null ? undefined : JSON.parse(data),
        access_token: form.get('access_token') ?? undefined,
        test_event_code: form.get('test_event_code') ?? undefined,
      };
    } else {
      const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { path: '$', problem: 'must be a JSON object' };
      }
      params = parsed as Record<string, unknown>;
    }
  } catch {
    return { path: "$['data']", problem: 'must be valid JSON' };
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    data: params.data,
    accessToken: str(params.access_token) ?? str(query.get('access_token')),
    testEventCode: str(params.test_event_code) ?? str(query.get('test_event_code')),
  };
}

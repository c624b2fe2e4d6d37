import { ApiError } from './api-error';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface FetchTransport {
  /** Calls `/api/v1{path}`; resolves to the parsed JSON body (undefined for 204). */
  request<T>(method: Method, path: string, body?: unknown): Promise<T>;
  /** Forgets the CSRF token (after logout). */
  reset(): void;
}

const SAFE = new Set<Method>(['GET']);

/**
 * fetch to /api/v1 with the hub's session rules: cookies carry the session, and every write
 * echoes the `csrf_token` the gateway gave at login, invitation acceptance or GET /me in the
 * `x-csrf-token` header (double submit). A write refused for CSRF reloads the token once
 * from GET /me and retries, which covers a token lost to a page reload.
 */
export function createFetchTransport(
  baseUrl: string,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): FetchTransport {
  const root = `${baseUrl.replace(/\/+$/, '')}/api/v1`;
  let csrf: string | null = null;

  async function send<T>(method: Method, path: string, body: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (!SAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetchImpl(`${root}${path}`, {
        method,
        headers,
        credentials: 'include',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The gateway cannot be reached.');
    }
    const text = res.status === 204 ? '' : await res.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new ApiError(res.status, res.ok ? 'INTERNAL' : 'NETWORK', text.slice(0, 200));
      }
    }
    if (!res.ok) throw errorFrom(res.status, data);
    const token = (data as { csrf_token?: unknown } | undefined)?.csrf_token;
    if (typeof token === 'string') csrf = token;
    return data as T;
  }

  return {
    async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
      try {
        return await send<T>(method, path, body);
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'CSRF_FAILED' || SAFE.has(method)) throw err;
        await send('GET', '/me', undefined);
        return send<T>(method, path, body);
      }
    },
    reset() {
      csrf = null;
    },
  };
}

function errorFrom(status: number, data: unknown): ApiError {
  const e = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
  const code =
    typeof e?.code === 'string' ? e.code : status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL';
  const message = typeof e?.message === 'string' ? e.message : `HTTP ${status}`;
  return new ApiError(status, code, message, e?.details);
}

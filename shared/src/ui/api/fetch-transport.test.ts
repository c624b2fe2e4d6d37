import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { createFetchApi } from './fetch-api';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fetch that records calls and answers from a script of [status, body] per call. */
function scripted(answers: [number, unknown][]) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({
      method: init.method ?? 'GET',
      url,
      headers: init.headers as Record<string, string>,
      body: init.body ? JSON.parse(init.body as string) : undefined,
    });
    const [status, body] = answers.shift() ?? [500, { error: { code: 'INTERNAL' } }];
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

const ME = {
  user: { id: 'u1', email: 'a@b.example', totp_enabled: false },
  host_role: 'admin',
  accounts: [],
};

describe('createFetchApi', () => {
  it('sends the csrf token from sign-in on writes, never on reads', async () => {
    const { calls, fetchImpl } = scripted([
      [200, { ...ME, csrf_token: 'csrf-1' }],
      [200, { accounts: [] }],
      [201, { id: 'acc_1' }],
    ]);
    const api = createFetchApi('http://gw.example/', fetchImpl);
    await api.login({ email: 'a@b.example', password: 'pw' });
    await api.listAccounts();
    await api.createAccount({ name: 'Acme', managed: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST http://gw.example/api/v1/auth/login',
      'GET http://gw.example/api/v1/accounts',
      'POST http://gw.example/api/v1/accounts',
    ]);
    expect(calls[1]!.headers['x-csrf-token']).toBeUndefined();
    expect(calls[2]!.headers['x-csrf-token']).toBe('csrf-1');
    expect(calls[2]!.body).toEqual({ name: 'Acme', managed: true });
  });

  it('reloads the token from GET /me once when a write is refused for CSRF', async () => {
    const { calls, fetchImpl } = scripted([
      [403, { error: { code: 'CSRF_FAILED', message: 'Missing or wrong CSRF token.' } }],
      [200, { ...ME, csrf_token: 'fresh' }],
      [200, { pixel_id: '1' }],
    ]);
    const api = createFetchApi('', fetchImpl);
    await api.updatePixel('acc_1', '1', { receiving: false });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/accounts/acc_1/pixels/1',
      '/api/v1/me',
      '/api/v1/accounts/acc_1/pixels/1',
    ]);
    expect(calls[2]!.headers['x-csrf-token']).toBe('fresh');
  });

  it('rejects with the gateway code, message and field issues', async () => {
    const issues = [
      { path: 'admin_email', message: 'an unmanaged account needs an invited admin' },
    ];
    const { fetchImpl } = scripted([
      [
        400,
        { error: { code: 'VALIDATION_FAILED', message: 'admin_email: …', details: { issues } } },
      ],
    ]);
    const err = await createFetchApi('', fetchImpl)
      .createAccount({ name: 'x', managed: false })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', issues });
  });

  it('turns a transport failure into NETWORK and an empty 401 into UNAUTHENTICATED', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(createFetchApi('', down).me()).rejects.toMatchObject({
      code: 'NETWORK',
      status: 0,
    });
    const { fetchImpl } = scripted([[401, null]]);
    await expect(createFetchApi('', fetchImpl).me()).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('resolves 204 answers to undefined and escapes path segments', async () => {
    const { calls, fetchImpl } = scripted([[204, null]]);
    await expect(
      createFetchApi('', fetchImpl).removeDomain('acc/1', 'dom 2'),
    ).resolves.toBeUndefined();
    expect(calls[0]!.url).toBe('/api/v1/accounts/acc%2F1/domains/dom%202');
  });

  it('asks for an audit page with only the query values given', async () => {
    const page = { entries: [], next_before: null };
    const { calls, fetchImpl } = scripted([
      [200, page],
      [200, page],
    ]);
    const api = createFetchApi('', fetchImpl);
    await expect(api.auditLog({})).resolves.toEqual(page);
    await api.auditLog({ account_id: 'acc 1', limit: 50, before: 42 });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/audit',
      '/api/v1/audit?account_id=acc+1&limit=50&before=42',
    ]);
  });

  it('forgets the csrf token on logout', async () => {
    const { calls, fetchImpl } = scripted([
      [200, { ...ME, csrf_token: 'c' }],
      [200, { ok: true }],
      [403, { error: { code: 'FORBIDDEN', message: 'no' } }],
    ]);
    const api = createFetchApi('', fetchImpl);
    await api.login({ email: 'a@b.example', password: 'pw' });
    await api.logout();
    await api
      .setup({ setup_token: 't', email: 'a@b.example', password: 'p' })
      .catch(() => undefined);
    expect(calls[1]!.headers['x-csrf-token']).toBe('c');
    expect(calls[2]!.headers['x-csrf-token']).toBeUndefined();
  });
});

/** A small typed client of /api/v1 for tests: claims an instance and sets up pixels. */
export const TEST_SETUP_TOKEN = 'test-setup-token-0123456789';
export const HOST_ADMIN = { email: 'admin@host.example', password: 'correct horse battery staple' };

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function api(baseUrl: string, token?: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
  };
}

/** Signs in and returns a bearer token. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const r = await api(baseUrl).post('/auth/login', { email, password, token: true });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** Claims the instance (first host admin) and signs in; returns the admin's bearer token. */
export async function claimHost(baseUrl: string): Promise<string> {
  const r = await api(baseUrl).post('/setup', { setup_token: TEST_SETUP_TOKEN, ...HOST_ADMIN });
  if (r.status !== 201 && r.status !== 409)
    throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return login(baseUrl, HOST_ADMIN.email, HOST_ADMIN.password);
}

/** Claim, one managed account, and a pixel per id, each with a fake access token. */
export async function setupHostAndPixel(
  baseUrl: string,
  opts: { pixelIds: string[]; accountName?: string; accessToken?: (pixelId: string) => string },
): Promise<{ token: string; accountId: string; pixels: { pixelId: string; accessKey: string }[] }> {
  const token = await claimHost(baseUrl);
  const client = api(baseUrl, token);
  const acc = await client.post('/accounts', {
    name: opts.accountName ?? 'Test shop',
    managed: true,
  });
  if (acc.status !== 201) throw new Error(`account failed: ${JSON.stringify(acc.body)}`);
  const pixels = [];
  for (const pixelId of opts.pixelIds) {
    const r = await client.post(`/accounts/${acc.body.id}/pixels`, {
      pixel_id: pixelId,
      access_token: opts.accessToken?.(pixelId) ?? `EAAtest-token-${pixelId}`,
    });
    if (r.status !== 201) throw new Error(`pixel failed: ${JSON.stringify(r.body)}`);
    pixels.push({ pixelId, accessKey: r.body.access_key as string });
  }
  return { token, accountId: acc.body.id, pixels };
}

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../gateway/src/app.js';
import { loadConfig } from '../../../gateway/src/config/env.js';
import { createPostgresDatabase, requirePostgres, tempDir } from '../../support/databases.js';

/**
 * The gateway built in-process (buildApp + app.inject) on SQLite or PostgreSQL, and a small
 * client of /api/v1. Suites loop over DIALECTS so every behaviour is shown on both databases.
 */
export const SETUP_TOKEN = 'tenancy-setup-token-0123456789';
export const PASSWORD = 'correct horse battery staple';
export const HOST_ADMIN_EMAIL = 'root@host.example';

export interface Dialect {
  name: 'SQLite' | 'PostgreSQL';
  enabled(): Promise<boolean>;
}
export const DIALECTS: Dialect[] = [
  { name: 'SQLite', enabled: async () => true },
  { name: 'PostgreSQL', enabled: requirePostgres },
];

export type Auth = { bearer: string } | { cookie: string; csrf?: string } | undefined;

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: { name: string; value: string }[];
}

export interface Gateway {
  app: FastifyInstance;
  /** A caller of /api/v1 (paths starting with /clients or /hub go to the root). */
  as(auth?: Auth): Client;
  close(): Promise<void>;
}

export interface Client {
  get<T = any>(path: string): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  patch<T = any>(path: string, body: unknown): Promise<Answer<T>>;
  delete<T = any>(path: string): Promise<Answer<T>>;
}

export async function startGateway(
  dialect: Dialect['name'],
  env: Record<string, string> = {},
  /** Every log line, when a test wants to read what the gateway logs. */
  logLines?: string[],
): Promise<Gateway> {
  const dir = tempDir('capgw-tenancy-');
  const pg = dialect === 'PostgreSQL' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    DATA_DIR: dir.dir,
    SETUP_TOKEN,
    PUBLIC_URL: 'https://gw.example',
    LOG_LEVEL: 'silent',
    // Events sent by suites must never leave the machine: nothing listens on the discard port.
    GRAPH_API_BASE_URL: 'http://127.0.0.1:9',
    // Suites sign many people in from one address; the rate-limit suite lowers this.
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...(pg ? { DATABASE_URL: pg.url, MASTER_KEY: randomBytes(32).toString('base64') } : {}),
    ...env,
  });
  const logger = logLines && {
    level: 'trace',
    stream: { write: (line: string) => void logLines.push(line) },
  };
  const app = await buildApp(config, logger ? { logger } : {});
  await app.ready();
  return {
    app,
    as: (auth) => client(app, auth),
    close: async () => {
      await app.close();
      await pg?.drop();
      dir.remove();
    },
  };
}

function client(app: FastifyInstance, auth: Auth): Client {
  const call = async (method: string, path: string, body?: unknown, extra = {}) => {
    const url = /^\/(clients|hub)\b/.test(path) ? path : `/api/v1${path}`;
    const headers: Record<string, string> = { ...extra };
    if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
    if (auth && 'cookie' in auth) {
      headers.cookie = `capgw_session=${auth.cookie}`;
      if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
    }
    const r = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    return {
      status: r.statusCode,
      body: r.body ? safeJson(r.body) : null,
      headers: r.headers,
      cookies: r.cookies.map((c) => ({ name: c.name, value: c.value })),
    };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body ?? {}, headers),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Fails with the answer in the message, so a broken fixture says why. */
export function expectStatus<T>(r: Answer<T>, status: number): Answer<T> {
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
}

/** Claims the instance; returns the first host admin's bearer token. */
export async function claim(gw: Gateway): Promise<string> {
  expectStatus(
    await gw
      .as()
      .post('/setup', { setup_token: SETUP_TOKEN, email: HOST_ADMIN_EMAIL, password: PASSWORD }),
    201,
  );
  return signIn(gw, HOST_ADMIN_EMAIL);
}

export async function signIn(gw: Gateway, email: string, password = PASSWORD): Promise<string> {
  return expectStatus(await gw.as().post('/auth/login', { email, password, token: true }), 200).body
    .token;
}

/** A hub session: the cookie and the CSRF token the hub echoes on writes. */
export async function cookieSignIn(gw: Gateway, email: string, password = PASSWORD) {
  const r = expectStatus(await gw.as().post('/auth/login', { email, password }), 200);
  const cookie = r.cookies.find((c) => c.name === 'capgw_session')!.value;
  return { cookie, csrf: r.body.csrf_token as string };
}

export async function createAccount(
  gw: Gateway,
  token: string,
  name: string,
  managed = true,
  adminEmail?: string,
) {
  const r = await gw.as({ bearer: token }).post('/accounts', {
    name,
    managed,
    ...(adminEmail ? { admin_email: adminEmail } : {}),
  });
  return expectStatus(r, 201).body as {
    id: string;
    name: string;
    invitation?: { token: string; link: string };
  };
}

export async function addPixel(gw: Gateway, token: string, accountId: string, pixelId: string) {
  const r = await gw.as({ bearer: token }).post(`/accounts/${accountId}/pixels`, {
    pixel_id: pixelId,
    access_token: `EAAsecret-token-${pixelId}`,
  });
  return expectStatus(r, 201).body as { pixel_id: string; access_key: string };
}

/** Accepts an invitation link; returns the user id and the hub session it opens. */
export async function accept(gw: Gateway, token: string, password = PASSWORD) {
  const r = expectStatus(await gw.as().post('/invitations/accept', { token, password }), 200);
  const cookie = r.cookies.find((c) => c.name === 'capgw_session')!.value;
  return { userId: r.body.user.id as string, cookie, csrf: r.body.csrf_token as string };
}

/** Accepts an invitation link as a new person; returns their bearer token and user id. */
export async function acceptAsNewPerson(gw: Gateway, token: string, email: string) {
  const { userId } = await accept(gw, token);
  return { userId, token: await signIn(gw, email) };
}

/** Invites someone into an account and accepts as them. */
export async function addAccountUser(
  gw: Gateway,
  adminToken: string,
  accountId: string,
  email: string,
  role: 'admin' | 'manager' | 'viewer',
  pixelIds?: string[],
) {
  const r = await gw.as({ bearer: adminToken }).post(`/accounts/${accountId}/invitations`, {
    email,
    role,
    ...(pixelIds ? { pixel_ids: pixelIds } : {}),
  });
  return acceptAsNewPerson(gw, expectStatus(r, 201).body.token, email);
}

/** Invites a host user (managers and viewers with their accounts) and accepts as them. */
export async function addHostUser(
  gw: Gateway,
  adminToken: string,
  email: string,
  role: 'admin' | 'manager' | 'viewer',
  accountIds?: string[],
) {
  const r = await gw.as({ bearer: adminToken }).post('/host/invitations', {
    email,
    role,
    ...(accountIds ? { account_ids: accountIds } : {}),
  });
  return acceptAsNewPerson(gw, expectStatus(r, 201).body.token, email);
}

/** A browser event for a pixel, as a page on `origin` served through `host` would send it. */
export async function sendBrowserEvent(
  gw: Gateway,
  pixelId: string,
  opts: { origin?: string; host?: string } = {},
) {
  const r = await gw.app.inject({
    method: 'POST',
    url: '/events',
    headers: {
      'content-type': 'application/json',
      ...(opts.origin ? { origin: opts.origin } : {}),
      ...(opts.host ? { host: opts.host } : {}),
    },
    payload: {
      pixel_id: pixelId,
      events: [
        {
          event_name: 'Purchase',
          event_id: `ev-${Math.random().toString(36).slice(2)}`,
          event_time: Math.floor(Date.now() / 1000),
          event_source_url: `${opts.origin ?? 'https://shop.example'}/checkout`,
          custom_data: { currency: 'EUR', value: 10 },
        },
      ],
    },
  });
  return { status: r.statusCode, body: r.json() };
}

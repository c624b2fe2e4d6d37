import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

// The SQLite twin of pg.ts: identical table, column and property names (see pg.ts). The outbox
// is not here: on SQLite it lives in its own file (outbox/sqlite-outbox.ts) so the event path
// never waits on a configuration write lock.
const ms = (name: string) => integer(name);
const bool = (name: string) => integer(name, { mode: 'boolean' });
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

export const host = sqliteTable('host', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  claimedAt: ms('claimed_at'),
  settings: json<Record<string, unknown>>('settings').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash'),
  status: text('status').$type<'active' | 'pending' | 'disabled'>().notNull(),
  totpSecretEnc: text('totp_secret_enc'),
  /** A TOTP secret being set up, until its first code confirms it. */
  totpPendingEnc: text('totp_pending_enc'),
  /** The last accepted TOTP time step: a code is good once (RFC 6238 §5.2). */
  totpLastStep: integer('totp_last_step'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ms('locked_until'),
  createdAt: ms('created_at').notNull(),
  passwordChangedAt: ms('password_changed_at'),
});

export const hostMembers = sqliteTable('host_members', {
  userId: text('user_id').primaryKey(),
  role: text('role').$type<'admin' | 'manager' | 'viewer'>().notNull(),
});

export const hostMemberAccounts = sqliteTable(
  'host_member_accounts',
  { userId: text('user_id').notNull(), accountId: text('account_id').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.accountId] })],
);

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  managed: bool('managed').notNull(),
  status: text('status').$type<'active' | 'setup' | 'deactivated'>().notNull(),
  manageRequestedAt: ms('manage_requested_at'),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const accountMembers = sqliteTable(
  'account_members',
  {
    accountId: text('account_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').$type<'admin' | 'manager' | 'viewer'>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.userId] }),
    index('account_members_user').on(t.userId),
  ],
);

export const accountMemberPixels = sqliteTable(
  'account_member_pixels',
  {
    accountId: text('account_id').notNull(),
    userId: text('user_id').notNull(),
    pixelId: text('pixel_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId, t.pixelId] })],
);

export const pixels = sqliteTable(
  'pixels',
  {
    pixelId: text('pixel_id').primaryKey(),
    accountId: text('account_id').notNull(),
    name: text('name').notNull(),
    accessTokenEnc: text('access_token_enc').notNull(),
    tokenLast4: text('token_last4').notNull(),
    tokenStatus: text('token_status').$type<'ok' | 'invalid'>().notNull(),
    accessKeyHash: text('access_key_hash').notNull(),
    receiving: bool('receiving').notNull(),
    publishing: bool('publishing').notNull(),
    testEventCode: text('test_event_code'),
    blockedEvents: json<string[]>('blocked_events').notNull(),
    lastError: json<Record<string, unknown> | null>('last_error'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('pixels_account').on(t.accountId)],
);

export const domains = sqliteTable(
  'domains',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    hostname: text('hostname').notNull(),
    kind: text('kind').$type<'first_party' | 'blocked'>().notNull(),
    pixelId: text('pixel_id'),
    status: text('status').$type<'pending' | 'verified' | 'failed'>().notNull(),
    checkedAt: ms('checked_at'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    index('domains_account').on(t.accountId),
    uniqueIndex('domains_unique').on(t.kind, t.hostname, t.accountId),
  ],
);

export const invitations = sqliteTable('invitations', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  kind: text('kind').$type<'invitation' | 'reset'>().notNull(),
  email: text('email').notNull(),
  scope: text('scope').$type<'host' | 'account'>().notNull(),
  accountId: text('account_id'),
  role: text('role').$type<'admin' | 'manager' | 'viewer'>().notNull(),
  invitedBy: text('invited_by'),
  /** Account ids (host manager/viewer) or pixel ids (account manager) granted on acceptance. */
  assignments: json<string[] | null>('assignments'),
  createdAt: ms('created_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
  usedAt: ms('used_at'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind').$type<'cookie' | 'bearer' | 'api'>().notNull(),
    userId: text('user_id'),
    apiAccountId: text('api_account_id'),
    csrfToken: text('csrf_token'),
    label: text('label'),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
    revokedAt: ms('revoked_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiAccounts = sqliteTable('api_accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  createdBy: text('created_by'),
  createdAt: ms('created_at').notNull(),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: ms('at').notNull(),
    actorKind: text('actor_kind').$type<'user' | 'api' | 'system'>().notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    accountId: text('account_id'),
    action: text('action').notNull(),
    target: text('target'),
    before: json<unknown>('before'),
    after: json<unknown>('after'),
  },
  (t) => [index('audit_account').on(t.accountId, t.at)],
);

export const eventErrors = sqliteTable(
  'event_errors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pixelId: text('pixel_id').notNull(),
    accountId: text('account_id').notNull(),
    at: ms('at').notNull(),
    eventName: text('event_name'),
    eventId: text('event_id'),
    reason: text('reason').$type<'rejected' | 'expired' | 'discarded'>().notNull(),
    code: integer('code'),
    subcode: integer('subcode'),
    message: text('message').notNull(),
    fbtraceId: text('fbtrace_id'),
  },
  (t) => [index('event_errors_pixel').on(t.pixelId, t.at)],
);

export const counters = sqliteTable(
  'counters',
  {
    pixelId: text('pixel_id').notNull(),
    accountId: text('account_id').notNull(),
    minute: ms('minute').notNull(),
    eventName: text('event_name').notNull(),
    received: integer('received').notNull().default(0),
    published: integer('published').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.pixelId, t.minute, t.eventName] }),
    index('counters_account').on(t.accountId, t.minute),
  ],
);

import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The PostgreSQL twin of sqlite.ts: identical table, column and property names, so one
// repository implementation serves both (drizzle has no dialect-agnostic schema, drizzle-orm#1196).
// Times are epoch milliseconds everywhere, to keep the two dialects byte-for-byte comparable.
const ms = (name: string) => bigint(name, { mode: 'number' });

/** One row: the host (the organization running this gateway) and its settings. */
export const host = pgTable('host', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  claimedAt: ms('claimed_at'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
});

export const users = pgTable('users', {
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

/** A user's role on the host side (admin, manager, viewer); absent for account-only users. */
export const hostMembers = pgTable('host_members', {
  userId: text('user_id').primaryKey(),
  role: text('role').$type<'admin' | 'manager' | 'viewer'>().notNull(),
});

/** Managed accounts assigned to a host manager or viewer. */
export const hostMemberAccounts = pgTable(
  'host_member_accounts',
  { userId: text('user_id').notNull(), accountId: text('account_id').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.accountId] })],
);

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  managed: boolean('managed').notNull(),
  status: text('status').$type<'active' | 'setup' | 'deactivated'>().notNull(),
  /** Set while a host admin asks to manage an unmanaged account, until its admin answers. */
  manageRequestedAt: ms('manage_requested_at'),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

export const accountMembers = pgTable(
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

/** Pixels assigned to an account manager. */
export const accountMemberPixels = pgTable(
  'account_member_pixels',
  {
    accountId: text('account_id').notNull(),
    userId: text('user_id').notNull(),
    pixelId: text('pixel_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId, t.pixelId] })],
);

export const pixels = pgTable(
  'pixels',
  {
    pixelId: text('pixel_id').primaryKey(),
    accountId: text('account_id').notNull(),
    name: text('name').notNull(),
    accessTokenEnc: text('access_token_enc').notNull(),
    tokenLast4: text('token_last4').notNull(),
    tokenStatus: text('token_status').$type<'ok' | 'invalid'>().notNull(),
    accessKeyHash: text('access_key_hash').notNull(),
    receiving: boolean('receiving').notNull(),
    publishing: boolean('publishing').notNull(),
    testEventCode: text('test_event_code'),
    blockedEvents: jsonb('blocked_events').$type<string[]>().notNull(),
    lastError: jsonb('last_error').$type<Record<string, unknown> | null>(),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('pixels_account').on(t.accountId)],
);

/** First-party domains (CNAMEs to this gateway) and blocked websites of an account. */
export const domains = pgTable(
  'domains',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    hostname: text('hostname').notNull(),
    kind: text('kind').$type<'first_party' | 'blocked'>().notNull(),
    /** For blocked websites: null blocks for every pixel of the account. */
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

/** Single-use links: invitations and password resets, stored as hashes. */
export const invitations = pgTable('invitations', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  kind: text('kind').$type<'invitation' | 'reset'>().notNull(),
  email: text('email').notNull(),
  scope: text('scope').$type<'host' | 'account'>().notNull(),
  accountId: text('account_id'),
  role: text('role').$type<'admin' | 'manager' | 'viewer'>().notNull(),
  invitedBy: text('invited_by'),
  /** Account ids (host manager/viewer) or pixel ids (account manager) granted on acceptance. */
  assignments: jsonb('assignments').$type<string[] | null>(),
  createdAt: ms('created_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
  usedAt: ms('used_at'),
});

/** Sign-ins: hub session cookies and bearer tokens (desktop, API accounts), stored hashed. */
export const sessions = pgTable(
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

export const apiAccounts = pgTable('api_accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  createdBy: text('created_by'),
  createdAt: ms('created_at').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ms('at').notNull(),
    actorKind: text('actor_kind').$type<'user' | 'api' | 'system'>().notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    accountId: text('account_id'),
    action: text('action').notNull(),
    target: text('target'),
    before: jsonb('before').$type<unknown>(),
    after: jsonb('after').$type<unknown>(),
  },
  (t) => [index('audit_account').on(t.accountId, t.at)],
);

/** Events Meta refused for good, kept per pixel for its users (no user data: ids and reasons). */
export const eventErrors = pgTable(
  'event_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
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

/** Per-minute counters per pixel and event name: the metrics the hub shows. */
export const counters = pgTable(
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

/**
 * The outbox: events acknowledged to a sender and not yet delivered to Meta. Replicas claim rows
 * with FOR UPDATE SKIP LOCKED and a lease, so a dead replica's rows go to the others.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    pixelId: text('pixel_id').notNull(),
    accountId: text('account_id').notNull(),
    eventName: text('event_name').notNull(),
    payload: text('payload').notNull(),
    createdAt: ms('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: ms('lease_until'),
  },
  (t) => [index('outbox_due').on(t.nextAttemptAt, t.id), index('outbox_pixel').on(t.pixelId)],
);

/**
 * A group of events committed together and handed to the replica that stored them (its lease):
 * one row for the group rather than one per event (see outbox/pg-batches.ts). Payloads are
 * joined with U+001E. Once the lease runs out, any replica turns the row into `outbox` rows.
 */
export const outboxBatch = pgTable(
  'outbox_batch',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leaseOwner: text('lease_owner').notNull(),
    leaseUntil: ms('lease_until').notNull(),
    createdAt: ms('created_at').notNull(),
    pixelIds: text('pixel_ids').array().notNull(),
    accountIds: text('account_ids').array().notNull(),
    eventNames: text('event_names').array().notNull(),
    payloads: text('payloads').notNull(),
  },
  (t) => [index('outbox_batch_lease').on(t.leaseUntil)],
);

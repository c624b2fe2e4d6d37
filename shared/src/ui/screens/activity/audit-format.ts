import type { AuditEntry } from '../../api/types';
import { formatDateTime } from '../../format';

// The audit log in words: what an action code means, who did it, what it was done to, and what
// changed. Pure, so every screen shows the same sentences and the rules are tested in Node.

const ACTIONS: Record<string, string> = {
  'host.claim': 'Gateway claimed',
  'host.settings.update': 'Changed the host settings',
  'host.user.update': 'Changed a host user’s access',
  'host.user.remove': 'Removed a host user',
  'host.user.reset_link': 'Made a password reset link',
  'host.invitation.create': 'Invited a host user',
  'host.invitation.regenerate': 'Renewed a host invitation',
  'host.invitation.revoke': 'Withdrew a host invitation',
  'api_account.create': 'Created an API account',
  'api_account.delete': 'Deleted an API account',
  'account.create': 'Created an account',
  'account.delete': 'Deleted an account',
  'account.setup_invitation': 'Sent a new setup invitation',
  'account.update': 'Changed the account',
  'account.set_managed': 'Changed host management',
  'account.manage_request': 'Asked to manage the account',
  'pixel.create': 'Connected a pixel',
  'pixel.update': 'Changed a pixel’s settings',
  'pixel.delete': 'Removed a pixel',
  'pixel.rotate_access_key': 'Made a new access key',
  'invitation.create': 'Invited a user',
  'invitation.regenerate': 'Renewed an invitation',
  'invitation.revoke': 'Withdrew an invitation',
  'invitation.accept': 'Accepted an invitation',
  'user.update': 'Changed a user’s access',
  'user.remove': 'Removed a user',
  'user.reset_link': 'Made a password reset link',
  'domain.create': 'Added a domain',
  'domain.delete': 'Removed a domain',
};

/** "Changed a pixel’s settings" for `pixel.update`; an unknown code as words ("Foo bar baz"). */
export function actionText(action: string): string {
  return ACTIONS[action] ?? sentenceCase(action.replace(/[._]+/g, ' '));
}

/** The person's email, "API account <name>", or "System" for what no one signed in did. */
export function actorText(actor: AuditEntry['actor']): string {
  if (actor.kind === 'system') return 'System';
  if (actor.kind === 'api') return `API account ${actor.label.replace(/^api:/, '')}`;
  return actor.label;
}

export interface TargetContext {
  /** The log being shown is this account's: the account itself is "this account". */
  accountId?: string | null;
  /** Names of accounts the person can see, for ids in targets and values. */
  accountName?: (id: string) => string | undefined;
}

/**
 * What an entry was done to, in words: a name taken from the entry itself where it has one
 * (a deleted pixel or account is gone from every list), else the id.
 */
export function targetText(entry: AuditEntry, ctx: TargetContext = {}): string | null {
  if (!entry.target) return null;
  const sep = entry.target.indexOf(':');
  const kind = sep < 0 ? entry.target : entry.target.slice(0, sep);
  const id = sep < 0 ? '' : entry.target.slice(sep + 1);
  const own = (key: string) => stringField(entry.after, key) ?? stringField(entry.before, key);
  switch (kind) {
    case 'host':
      return 'This gateway';
    case 'account':
      if (ctx.accountId === id) return 'This account';
      return own('name') ?? ctx.accountName?.(id) ?? id;
    case 'pixel': {
      const name = own('name');
      return name ? `Pixel ${name} (${id})` : `Pixel ${id}`;
    }
    case 'user':
      return own('email') ?? `User ${id}`;
    case 'invitation':
      return own('email') ? `Invitation for ${own('email')}` : `Invitation ${id}`;
    case 'domain':
      return own('hostname') ?? `Domain ${id}`;
    case 'api_account':
      return own('name') ? `API account ${own('name')}` : `API account ${id}`;
    default:
      return entry.target;
  }
}

/** One line of a diff: a field set (no before), cleared (no after) or changed (both). */
export interface AuditChange {
  field: string;
  label: string;
  before?: string;
  after?: string;
}

const LABELS: Record<string, string> = {
  name: 'Name',
  status: 'Status',
  managed: 'Managed by the host',
  manage_requested: 'Management requested',
  admin_email: 'Admin email',
  email: 'Email',
  role: 'Role',
  kind: 'Kind',
  assignments: 'Assigned',
  account_ids: 'Accounts',
  pixel_ids: 'Pixels',
  pixel_id: 'Pixel',
  receiving: 'Receiving events',
  publishing: 'Publishing to Meta',
  test_event_code: 'Test event code',
  blocked_events: 'Blocked events',
  access_token: 'Access token',
  token_last4: 'Access token',
  token_status: 'Token status',
  last_error: 'Last error',
  hostname: 'Hostname',
  cname_target: 'CNAME target',
  smtp: 'Mail server',
  host: 'host',
  from: 'sender',
  source: 'source',
  configured: 'configured',
};

/** Fields that say nothing a reader needs when something is created or removed. */
const QUIET = new Set(['id', 'account_id', 'created_at', 'updated_at', 'manage_requested']);

/** Values that only restate the action ("Invited a user" is an invitation). */
const QUIET_VALUES: Record<string, unknown> = { kind: 'invitation' };

/** A field a patch sends under another name than the stored view keeps. */
const SAME_AS: Record<string, (before: Record<string, unknown>) => unknown> = {
  // A new token is logged as its last 4 characters; the pixel view keeps the old one's.
  access_token: (b) => (typeof b.token_last4 === 'string' ? `…${b.token_last4}` : undefined),
};

/** Deeper than this, a value is shown whole rather than field by field. */
const MAX_DEPTH = 2;

/**
 * What changed between `before` and `after`, field by field, as text. When both are objects,
 * `after` names the fields that changed (it is often just the request's patch), and fields
 * whose value is the same on both sides are left out. When only one side exists (something
 * created or removed), its fields are listed, leaving out ids and empty values.
 */
export function auditChanges(
  before: unknown,
  after: unknown,
  ctx: TargetContext = {},
): AuditChange[] {
  const out: AuditChange[] = [];
  walk(before, after, [], ctx, out);
  return out;
}

function walk(
  before: unknown,
  after: unknown,
  path: string[],
  ctx: TargetContext,
  out: AuditChange[],
): void {
  const deep = path.length >= MAX_DEPTH;
  if (!deep && isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(after)) {
      const was = key in before ? before[key] : SAME_AS[key]?.(before);
      walk(was, after[key], [...path, key], ctx, out);
    }
    return;
  }
  if (!deep && isRecord(after) && isEmpty(before)) {
    for (const key of Object.keys(after)) side(after[key], [...path, key], 'after', ctx, out);
    return;
  }
  if (!deep && isRecord(before) && isEmpty(after)) {
    for (const key of Object.keys(before)) side(before[key], [...path, key], 'before', ctx, out);
    return;
  }
  if (path.length === 0) return; // not objects: nothing field-shaped to say
  const field = path.at(-1)!;
  const b = formatValue(field, before, ctx);
  const a = formatValue(field, after, ctx);
  if (a === b) return;
  out.push({ field: path.join('.'), label: labelOf(path), before: b, after: a });
}

function side(
  value: unknown,
  path: string[],
  which: 'before' | 'after',
  ctx: TargetContext,
  out: AuditChange[],
): void {
  const field = path.at(-1)!;
  if (QUIET.has(field) || isEmpty(value) || QUIET_VALUES[field] === value) return;
  if (isRecord(value) && path.length < MAX_DEPTH) {
    for (const key of Object.keys(value)) side(value[key], [...path, key], which, ctx, out);
    return;
  }
  out.push({
    field: path.join('.'),
    label: labelOf(path),
    [which]: formatValue(field, value, ctx),
  });
}

/** A field's value as a reader would say it: yes/no, none, a date, a list. */
export function formatValue(field: string, value: unknown, ctx: TargetContext = {}): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number')
    return /(_at|^at)$/.test(field) ? formatDateTime(value) : String(value);
  if (field === 'token_last4' && typeof value === 'string') return `…${value}`;
  if (typeof value === 'string') {
    const named = field === 'account_ids' ? ctx.accountName?.(value) : undefined;
    return clip(named ?? value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return clip(value.map((v) => formatValue(field, v, ctx)).join(', '));
  }
  return clip(JSON.stringify(value));
}

function labelOf(path: string[]): string {
  const words = path.map((p) => LABELS[p] ?? p.replace(/_/g, ' '));
  return sentenceCase(words.join(' '));
}

function sentenceCase(s: string): string {
  const t = s.trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function stringField(v: unknown, key: string): string | undefined {
  if (!isRecord(v)) return undefined;
  const s = v[key];
  return typeof s === 'string' && s ? s : undefined;
}

import type { FastifyInstance } from 'fastify';
import { AuditQuery, type AuditEntryDto } from '@capgw/shared/schemas/tenancy';
import { parseBody } from '../http/parse.js';
import { accessAccount, requireHost } from '../auth/access.js';
import type { AuditRow } from '../store/repos/audit-repo.js';
import { principal } from './index.js';

const entryDto = (r: AuditRow): AuditEntryDto => ({
  id: r.id,
  at: r.at,
  account_id: r.accountId,
  actor: { kind: r.actorKind, id: r.actorId, label: r.actorLabel },
  action: r.action,
  target: r.target,
  before: r.before ?? null,
  after: r.after ?? null,
});

/**
 * The audit log, read by the admins of its scope: without account_id the host's own log (host
 * admins); with it, that account's log (its admins, and host admins while it is managed).
 */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.get('/audit', async (request) => {
    const p = principal(request);
    const q = parseBody(AuditQuery, request.query);
    const page = { limit: q.limit, ...(q.before ? { beforeId: q.before } : {}) };
    let rows: AuditRow[];
    if (q.account_id) {
      const access = await accessAccount(store, p, q.account_id);
      access.require('audit.read');
      rows = await access.scope.auditEntries(page);
    } else {
      requireHost(p, 'host.audit.read');
      rows = await store.audit.list({ accountId: null }, page);
    }
    return {
      entries: rows.map(entryDto),
      next_before: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
    };
  });
}

import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import type { AuditEntry, AuditPage, AuditPageQuery } from '../api/types';
import { fakeApi } from '../testing/fake-api';
import { createAuditStore, EMPTY_LOG } from './audit-store';

const entry = (id: number): AuditEntry => ({
  id,
  at: id * 1000,
  account_id: null,
  actor: { kind: 'user', id: 'u1', label: 'owner@host.example' },
  action: 'account.create',
  target: null,
  before: null,
  after: null,
});

/** A log of entries 1..n, served newest first in pages as the gateway does. */
function serve(n: number) {
  return vi.fn(async (q: AuditPageQuery): Promise<AuditPage> => {
    const limit = q.limit ?? 50;
    const ids = Array.from({ length: n }, (_, i) => n - i).filter(
      (id) => !q.before || id < q.before,
    );
    const page = ids.slice(0, limit).map(entry);
    return { entries: page, next_before: page.length === limit ? page.at(-1)!.id : null };
  });
}

describe('createAuditStore', () => {
  it('pages a log newest first with before, until there is no next page', async () => {
    const auditLog = serve(5);
    const s = createAuditStore(fakeApi({ auditLog }), 2);
    await s.getState().open({ accountId: null });
    expect(s.getState().logs.host!.entries.map((e) => e.id)).toEqual([5, 4]);
    await s.getState().more({ accountId: null });
    await s.getState().more({ accountId: null });
    const log = s.getState().logs.host!;
    expect(log.entries.map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect(log.nextBefore).toBeNull();
    expect(auditLog.mock.calls.map(([q]) => q)).toEqual([
      { limit: 2 },
      { limit: 2, before: 4 },
      { limit: 2, before: 2 },
    ]);
    await s.getState().more({ accountId: null }); // nothing further to ask for
    expect(auditLog).toHaveBeenCalledTimes(3);
  });

  it('keeps each account’s log apart from the host’s', async () => {
    const auditLog = serve(1);
    const s = createAuditStore(fakeApi({ auditLog }));
    await s.getState().open({ accountId: 'acc_1' });
    expect(auditLog).toHaveBeenCalledWith({ account_id: 'acc_1', limit: 50 });
    expect(s.getState().logs['account:acc_1']!.loaded).toBe(true);
    expect(s.getState().logs.host).toBeUndefined();
  });

  it('keeps what was shown when a further page fails, and says why', async () => {
    const auditLog = serve(3);
    const s = createAuditStore(fakeApi({ auditLog }), 2);
    await s.getState().open({ accountId: null });
    auditLog.mockRejectedValueOnce(new ApiError(503, 'NOT_READY', 'starting'));
    await s.getState().more({ accountId: null });
    const log = s.getState().logs.host!;
    expect(log.entries).toHaveLength(2);
    expect(log.moreError?.code).toBe('NOT_READY');
    expect(log.loadingMore).toBe(false);
  });

  it('reports a refusal of the first page as the log’s error', async () => {
    const forbidden = new ApiError(403, 'FORBIDDEN', 'no');
    const s = createAuditStore(fakeApi({ auditLog: async () => Promise.reject(forbidden) }));
    await s.getState().open({ accountId: 'acc_1' });
    expect(s.getState().logs['account:acc_1']).toMatchObject({ loaded: false, loading: false });
    expect(s.getState().logs['account:acc_1']!.error?.code).toBe('FORBIDDEN');
  });

  it('drops a page that arrives after the log was read afresh or forgotten', async () => {
    let release: (p: AuditPage) => void = () => undefined;
    const slow = new Promise<AuditPage>((r) => (release = r));
    const auditLog = vi
      .fn<(q: AuditPageQuery) => Promise<AuditPage>>()
      .mockReturnValueOnce(slow)
      .mockResolvedValue({ entries: [entry(9)], next_before: null });
    const s = createAuditStore(fakeApi({ auditLog }));
    const first = s.getState().open({ accountId: null });
    await s.getState().open({ accountId: null });
    release({ entries: [entry(1)], next_before: null });
    await first;
    expect(s.getState().logs.host!.entries.map((e) => e.id)).toEqual([9]);

    s.getState().reset();
    expect(s.getState().logs).toEqual({});
    expect(s.getState().logs.host ?? EMPTY_LOG).toEqual(EMPTY_LOG);
  });
});

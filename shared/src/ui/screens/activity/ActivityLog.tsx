import { useEffect, useMemo, type ReactNode } from 'react';
import type { AuditEntry } from '../../api/types';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { EmptyState } from '../../components/EmptyState';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatDateTime, relativeTime } from '../../format';
import { useAccounts, useAudit, useHub, useSession } from '../../hub-context';
import { auditKey, EMPTY_LOG } from '../../stores/audit-store';
import {
  actionText,
  actorText,
  auditChanges,
  targetText,
  type AuditChange,
  type TargetContext,
} from './audit-format';

/** Changes shown before the rest fold away behind "n more". */
const FOLD_AFTER = 4;

export interface ActivityLogProps {
  /** The account whose log this is, or null for the host's own log. */
  accountId: string | null;
  /** The table's caption, for screen readers. */
  caption: string;
  /** What to say when the gateway refuses (403/404): who may read this log. */
  refused: string;
  /** The empty state's explanation. */
  emptyText: ReactNode;
}

/**
 * One audit log as a table, newest first, with "Load more" for older pages. The entries live
 * in the hub's audit store; opening the view reads the newest page afresh.
 */
export function ActivityLog({ accountId, caption, refused, emptyText }: ActivityLogProps) {
  const { audit, session } = useHub();
  const key = auditKey({ accountId });
  const log = useAudit((s) => s.logs[key] ?? EMPTY_LOG);
  const myId = useSession((s) => s.me?.user.id);
  const accounts = useAccounts((s) => s.accounts);
  const ctx = useMemo<TargetContext>(
    () => ({ accountId, accountName: (id) => accounts.find((a) => a.id === id)?.name }),
    [accountId, accounts],
  );

  useEffect(() => {
    void audit.getState().open({ accountId });
  }, [audit, accountId]);
  const lapsed = [log.error, log.moreError].some((e) => e?.code === 'UNAUTHENTICATED');
  useEffect(() => {
    if (lapsed) session.getState().expire();
  }, [lapsed, session]);

  const reload = () => void audit.getState().open({ accountId });
  const more = () => void audit.getState().more({ accountId });

  if (log.error && ['FORBIDDEN', 'NOT_FOUND'].includes(log.error.code))
    return (
      <div className="card-body">
        <Callout tone="info">{refused}</Callout>
      </div>
    );
  if (log.error)
    return (
      <div className="card-body">
        <LoadError error={log.error} retry={reload} what="the activity" />
      </div>
    );
  if (!log.loaded) return <Loading label="Loading the activity…" />;
  if (log.entries.length === 0)
    return (
      <EmptyState icon="activity" title="No activity yet">
        {emptyText}
      </EmptyState>
    );
  return (
    <>
      <table className="table activity">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-when">
              When
            </th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col" className="col-changes">
              Changes
            </th>
          </tr>
        </thead>
        <tbody>
          {log.entries.map((e) => (
            <ActivityRow key={e.id} entry={e} isMe={e.actor.id === myId} ctx={ctx} />
          ))}
        </tbody>
      </table>
      <div className="table-foot">
        {log.moreError ? (
          <LoadError error={log.moreError} retry={more} what="older activity" />
        ) : log.nextBefore !== null ? (
          <Button onClick={more} busy={log.loadingMore}>
            Load more
          </Button>
        ) : (
          <span className="muted">
            {log.entries.length === 1 ? 'One entry' : `All ${log.entries.length} entries`} shown.
          </span>
        )}
      </div>
    </>
  );
}

function ActivityRow({
  entry,
  isMe,
  ctx,
}: {
  entry: AuditEntry;
  isMe: boolean;
  ctx: TargetContext;
}) {
  const target = targetText(entry, ctx);
  const changes = auditChanges(entry.before, entry.after, ctx);
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={new Date(entry.at).toISOString()} className="cell-title">
          {formatDateTime(entry.at)}
        </time>
        <div className="cell-sub">{relativeTime(entry.at)}</div>
      </td>
      <td>
        <div className="cell-title">
          {actorText(entry.actor)}
          {isMe && entry.actor.kind === 'user' && <span className="muted"> (you)</span>}
        </div>
      </td>
      <td>
        <div className="cell-title">{actionText(entry.action)}</div>
        {target && <div className="cell-sub">{target}</div>}
      </td>
      <td>
        <ChangeList changes={changes} />
      </td>
    </tr>
  );
}

function ChangeList({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0)
    return (
      <span className="muted">
        <span aria-hidden="true">—</span>
        <span className="sr-only">No details</span>
      </span>
    );
  const fold = changes.length > FOLD_AFTER;
  const shown = fold ? changes.slice(0, FOLD_AFTER - 1) : changes;
  const rest = fold ? changes.slice(FOLD_AFTER - 1) : [];
  return (
    <>
      <ul className="diff">
        {shown.map((c) => (
          <ChangeLine key={c.field} change={c} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details className="diff-more">
          <summary>{rest.length} more</summary>
          <ul className="diff">
            {rest.map((c) => (
              <ChangeLine key={c.field} change={c} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** "Publishing to Meta: yes → no", read out as "…: from yes to no". */
function ChangeLine({ change: c }: { change: AuditChange }) {
  const label = <span className="diff-label">{c.label}:</span>;
  if (c.before !== undefined && c.after !== undefined)
    return (
      <li>
        {label} <span className="sr-only">from</span> <del className="diff-old">{c.before}</del>{' '}
        <span aria-hidden="true">→</span>
        <span className="sr-only">to</span> <ins className="diff-new">{c.after}</ins>
      </li>
    );
  if (c.before !== undefined)
    return (
      <li>
        {label} <span className="sr-only">removed</span> <del className="diff-old">{c.before}</del>
      </li>
    );
  return (
    <li>
      {label} <span className="diff-value">{c.after}</span>
    </li>
  );
}

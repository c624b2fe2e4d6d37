import type { ClaimedEvent } from '../outbox/index.js';
import type { GraphError } from './graph/graph-client.js';

export type SendOutcome = 'done' | { rejected: GraphError };

/**
 * Meta refuses a whole batch for one bad event. This finds the bad ones and lets the rest
 * through: when Meta names the offending index it is dropped and the rest resent; otherwise the
 * batch is split in halves until each refusal is pinned on a single event (about 2·log2(n)
 * extra calls per bad event).
 */
export async function isolateRejected(
  batch: ClaimedEvent[],
  send: (events: ClaimedEvent[]) => Promise<SendOutcome>,
  giveUp: (event: ClaimedEvent, error: GraphError) => Promise<void>,
): Promise<void> {
  const pending: ClaimedEvent[][] = [batch];
  while (pending.length > 0) {
    const events = pending.pop()!;
    const outcome = await send(events);
    if (outcome === 'done') continue;
    const { rejected } = outcome;
    if (events.length === 1) {
      await giveUp(events[0]!, rejected);
      continue;
    }
    const index = rejected.eventIndex;
    if (index !== undefined && index >= 0 && index < events.length) {
      await giveUp(events[index]!, rejected);
      const rest = events.filter((_, i) => i !== index);
      if (rest.length > 0) pending.push(rest);
      continue;
    }
    // Not a parameter error (permissions, policy block): it is about the pixel, not one event,
    // so splitting would only multiply the same refusal.
    if (rejected.code !== undefined && rejected.code !== 100) {
      for (const e of events) await giveUp(e, rejected);
      continue;
    }
    const mid = Math.ceil(events.length / 2);
    pending.push(events.slice(mid), events.slice(0, mid));
  }
}

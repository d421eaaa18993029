// Exactly-once bookkeeping: what the cameras were told (records) against what the flow received.
import type { PostRecord } from "./fleet";

export interface Ledger {
  /** Posts that carry an id (heartbeats excluded). */
  sent: number;
  /** ...answered with the success reply: each must be delivered exactly once. */
  accepted: number;
  /** ...not answered (refused, reset, timed out): each may be lost, never duplicated. */
  unanswered: number;
  /** Unanswered posts that were delivered all the same (the reply was lost on the way). */
  unansweredDelivered: number;
  heartbeats: number;
  /** Failure reasons and how often each happened (all posts). */
  failures: Record<string, number>;
  /** Every breach of the rules, described (empty when all hold). */
  violations: string[];
}

/** `delivered`: id -> times delivered; `unidentified`: messages that carried no id at all. */
export function reconcile(records: readonly PostRecord[], delivered: ReadonlyMap<string, number>, unidentified = 0): Ledger {
  const ledger: Ledger = { sent: 0, accepted: 0, unanswered: 0, unansweredDelivered: 0, heartbeats: 0, failures: {}, violations: [] };
  const sent = new Set<string>();
  for (const record of records) {
    if (!record.ok) {
      const reason = record.error ?? "failed";
      ledger.failures[reason] = (ledger.failures[reason] ?? 0) + 1;
    }
    if (record.id === undefined) {
      ledger.heartbeats++;
      continue;
    }
    if (sent.has(record.id)) ledger.violations.push(`id ${record.id} was posted twice (test bug)`);
    sent.add(record.id);
    ledger.sent++;
    const times = delivered.get(record.id) ?? 0;
    if (record.ok) {
      ledger.accepted++;
      if (times !== 1) ledger.violations.push(`accepted ${record.kind} ${record.id} (camera ${record.camera}) delivered ${times} times`);
    } else {
      ledger.unanswered++;
      if (times === 1) ledger.unansweredDelivered++;
      if (times > 1) ledger.violations.push(`unanswered ${record.kind} ${record.id} delivered ${times} times`);
    }
  }
  for (const [id, times] of delivered) {
    if (!sent.has(id)) ledger.violations.push(`id ${id} delivered ${times} times but never posted`);
  }
  if (unidentified > 0) ledger.violations.push(`${unidentified} messages without an id`);
  return ledger;
}

/** The first violations, for an assertion message. */
export function describeViolations(ledger: Ledger, max = 10): string {
  const shown = ledger.violations.slice(0, max).join("; ");
  return ledger.violations.length > max ? `${shown}; ... ${ledger.violations.length - max} more` : shown;
}

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** Reply latency (send to end of answer) of the answered posts, ms. */
export function latencyOf(records: readonly PostRecord[]): Latency {
  const ms = records.filter((r) => r.ok).map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number): number => (ms.length === 0 ? NaN : ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]);
  return { p50: at(0.5), p99: at(0.99), max: ms.length === 0 ? NaN : ms[ms.length - 1] };
}

export const formatLatency = (l: Latency): string => `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms`;

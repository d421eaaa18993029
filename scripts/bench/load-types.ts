// What the parent asks of the load generator and what it reports back.
import type { WorkloadName } from "./workloads";

export interface LoadPlan {
  port: number;
  path: string;
  workload: WorkloadName;
  /** Concurrent keep-alive connections, each posting one request at a time. */
  connections: number;
  /** Warm-up before the measuring window (the generator sends "warm" when it ends). */
  warmupMs: number;
  /** Measuring window; ignored when `count` is set. */
  durationMs: number;
  /** Stop after this many posts in the window (instead of a duration). */
  count?: number;
  /** Fixed total rate in posts/s, spread evenly over the connections; unset = as fast as replies come. */
  rate?: number;
}

/** Latency summary in ms (client side: send -> reply). */
export interface ClientLatency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  workload: WorkloadName;
  /** Requests written, whole run (warm-up included). */
  sent: number;
  /** HTTP 200 replies carrying the success document, whole run. */
  accepted: number;
  /** Any other reply. */
  rejected: number;
  /** Connection errors / closes while a request was open. */
  errors: number;
  firstProblem?: string;
  /** Success replies in the measuring window, and its length (ms). */
  windowAccepted: number;
  windowMs: number;
  replyLatency: ClientLatency;
  bodyBytes: number;
}

export interface ParseTiming {
  workload: WorkloadName;
  bodyBytes: number;
  iterations: number;
  /** Microseconds per parseMessage call (images decoded). */
  usPerParse: number;
  /** Same without image decoding (`images: false`). */
  usPerParseNoImages: number;
}

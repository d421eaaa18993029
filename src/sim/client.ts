// Simulated cameras against a URL: each camera posts its feed over its own connection, with
// optional heartbeats, rate, count and duration; the run ends in a summary.
import { CameraConnection } from "./camera";
import { defaultDevice, generateBody } from "./generate";
import { summarizeLatency, type LatencySummary } from "./latency";
import type { FeedFactory, PostLabel } from "./feed";
import type { PostOutcome } from "./post";
import type { KeepaliveForm, SimDevice, SimFormat } from "./sim-types";

export interface SimulationOptions {
  url: string;
  /** Transport and body format, default ipc. */
  format?: SimFormat;
  /** Cameras posting at once, default 1. */
  cameras?: number;
  feed: FeedFactory;
  /** Posts per camera (heartbeats not counted). Default: one pass of the feed; unlimited with a duration. */
  count?: number;
  /** Stop after this many seconds. */
  durationSec?: number;
  /** Posts per second per camera; default: as fast as answered (scenarios: their own pace). */
  rate?: number;
  /** Heartbeat interval in seconds (off by default). */
  heartbeatSec?: number;
  /** IPC heartbeat form, default empty body. */
  keepalive?: KeepaliveForm;
  /** After the posts, keep heartbeating until the duration ends or the signal aborts. */
  linger?: boolean;
  user?: string;
  password?: string;
  /** Per post, default 10 s. */
  timeoutMs?: number;
  /** Identity of camera n (1-based); default `defaultDevice(format, n)`. */
  device?: (camera: number) => SimDevice;
  /** Stop every camera when the server cannot be reached (default true). */
  stopOnUnreachable?: boolean;
  onPost?: (report: PostReport) => void;
  signal?: AbortSignal;
}

export interface PostReport {
  camera: number;
  device: SimDevice;
  label: PostLabel;
  bytes: number;
  heartbeat: boolean;
  outcome: PostOutcome;
}

export interface SimulationSummary {
  cameras: number;
  /** Posts sent, heartbeats included. */
  sent: number;
  ok: number;
  failed: number;
  heartbeats: number;
  bytes: number;
  /** TCP connections opened (IPC: one per camera unless the server dropped some). */
  connections: number;
  durationMs: number;
  postsPerSecond: number;
  latencyMs: LatencySummary;
  /** A post failed because nothing listened (ECONNREFUSED, unknown host, ...). */
  unreachable: boolean;
  /** Failure reasons and how often each happened. */
  errors: Record<string, number>;
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/** A run-wide stop flag with a promise sleepers can race against. */
class Stopper {
  stopped = false;
  private wake!: () => void;
  readonly promise = new Promise<void>((resolve) => (this.wake = resolve));

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** Resolves after `ms` or at stop, whichever is first. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), this.promise]).finally(() => clearTimeout(timer));
  }
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const format = options.format ?? "ipc";
  const cameras = Math.max(1, Math.floor(options.cameras ?? 1));
  const stopper = new Stopper();
  const latencies: number[] = [];
  const summary: SimulationSummary = {
    cameras, sent: 0, ok: 0, failed: 0, heartbeats: 0, bytes: 0, connections: 0, durationMs: 0, postsPerSecond: 0,
    latencyMs: summarizeLatency([]), unreachable: false, errors: {},
  };
  const record = (report: PostReport): void => {
    const { outcome } = report;
    summary.sent++;
    summary.bytes += report.bytes;
    if (report.heartbeat) summary.heartbeats++;
    if (outcome.ok) summary.ok++;
    else {
      summary.failed++;
      const reason = outcome.error ?? "failed";
      summary.errors[reason] = (summary.errors[reason] ?? 0) + 1;
      if (outcome.code !== undefined && UNREACHABLE.has(outcome.code)) {
        summary.unreachable = true;
        if (options.stopOnUnreachable !== false) stopper.stop();
      }
    }
    if (outcome.status !== undefined) latencies.push(outcome.ms);
    options.onPost?.(report);
  };

  const onAbort = (): void => stopper.stop();
  options.signal?.addEventListener("abort", onAbort);
  if (options.signal?.aborted) stopper.stop();
  const deadline = options.durationSec !== undefined ? setTimeout(() => stopper.stop(), options.durationSec * 1000) : undefined;
  const started = Date.now();
  try {
    const runs = Array.from({ length: cameras }, (_, i) => runCamera(i + 1, format, options, stopper, record));
    summary.connections = (await Promise.all(runs)).reduce((a, b) => a + b, 0);
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener("abort", onAbort);
  }
  summary.durationMs = Date.now() - started;
  summary.postsPerSecond = summary.durationMs > 0 ? (summary.sent * 1000) / summary.durationMs : 0;
  summary.latencyMs = summarizeLatency(latencies);
  return summary;
}

/** One camera's run; resolves to the connections it opened. */
async function runCamera(
  camera: number, format: SimFormat, options: SimulationOptions, stopper: Stopper, record: (r: PostReport) => void,
): Promise<number> {
  const device = options.device?.(camera) ?? defaultDevice(format, camera);
  const connection = new CameraConnection({
    url: options.url, format, user: options.user, password: options.password, timeoutMs: options.timeoutMs,
  });
  const feed = options.feed(camera, device);
  const total = options.count ?? (options.durationSec !== undefined ? Infinity : feed.length);
  const pending = new Set<Promise<void>>();

  const send = (body: string | Buffer, label: PostLabel, heartbeat: boolean): Promise<void> => {
    const bytes = typeof body === "string" ? Buffer.byteLength(body) : body.length;
    return connection.post(body).then((outcome) => record({ camera, device, label, bytes, heartbeat, outcome }));
  };

  let heartbeat: NodeJS.Timeout | undefined;
  if (options.heartbeatSec !== undefined && options.heartbeatSec > 0) {
    const beat = generateBody({ format, kind: "keepalive", device, keepalive: options.keepalive });
    heartbeat = setInterval(() => {
      if (stopper.stopped) return;
      const p = send(beat.body, { kind: "keepalive" }, true);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }, options.heartbeatSec * 1000);
  }

  try {
    const start = Date.now();
    for (let i = 0; i < total && !stopper.stopped; i++) {
      const step = feed.step(i);
      const wait = options.rate !== undefined && options.rate > 0 ? start + (i * 1000) / options.rate - Date.now() : step.delayMs ?? 0;
      await stopper.sleep(wait);
      if (stopper.stopped) break;
      await send(step.body, step.label, false);
    }
    if (options.linger) await stopper.promise;
  } finally {
    clearInterval(heartbeat);
    await Promise.all(pending);
    connection.close();
  }
  return connection.connections;
}

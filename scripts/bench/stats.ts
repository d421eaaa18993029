// Measurements kept inside a server process (ours or the bare baseline) and sent to the parent
// over IPC. One module-level recorder per process: the counting node that Node-RED loads and the
// harness that reads it share it through Node's module cache.
import { createHistogram, performance, type RecordableHistogram } from "node:perf_hooks";
import { readFileSync } from "node:fs";

/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ServerStats {
  /** Deliveries since the process started. */
  delivered: number;
  /** Deliveries since the last `mark()`. */
  windowDelivered: number;
  /** From the mark to the last delivery (ms): the window throughput divides by it. */
  windowMs: number;
  /** Process CPU since the mark, microseconds (user + system), and the kernel part of it. */
  cpuUs: number;
  cpuSystemUs: number;
  latency: LatencySummary;
  /** Peak resident set (VmHWM) since the process started, bytes. */
  peakRssBytes: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Deliveries without a readable send time (no latency recorded). */
  unstamped: number;
  /** Warnings and errors the runtime logged (first few kept). */
  logged: number;
  logSample: string[];
}

/** Now as a wall-clock-based high-resolution time in ms, comparable across processes. */
export function hrNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Peak resident set in bytes: VmHWM from /proc, else the current RSS. */
export function peakRss(): number {
  try {
    const status = readFileSync("/proc/self/status", "latin1");
    const match = /VmHWM:\s+(\d+)\s*kB/.exec(status);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage.rss();
}

export class Recorder {
  private histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 600_000_000, figures: 3 });
  private total = 0;
  private inWindow = 0;
  private markAt = hrNow();
  private lastAt = this.markAt;
  private cpuAtMark = process.cpuUsage();
  private noStamp = 0;
  private logCount = 0;
  private readonly logs: string[] = [];

  /** One delivery whose body carried `sentMs` (hrNow() of the sender), or NaN when it did not. */
  delivered(sentMs: number): void {
    const now = hrNow();
    this.total++;
    this.inWindow++;
    this.lastAt = now;
    if (Number.isFinite(sentMs)) {
      // Microseconds, at least 1 (the histogram's floor); clocks of two processes agree to well under that.
      this.histogram.record(Math.max(1, Math.round((now - sentMs) * 1000)));
    } else {
      this.noStamp++;
    }
  }

  log(line: string): void {
    this.logCount++;
    if (this.logs.length < 5) this.logs.push(line.slice(0, 300));
  }

  /** Forgets what was logged so far (start-up notices). */
  clearLogs(): void {
    this.logCount = 0;
    this.logs.length = 0;
  }

  /** Starts the measuring window: counts, latency and CPU restart here (totals do not). */
  mark(): void {
    this.histogram.reset();
    this.inWindow = 0;
    this.markAt = hrNow();
    this.lastAt = this.markAt;
    this.cpuAtMark = process.cpuUsage();
  }

  snapshot(): ServerStats {
    const cpu = process.cpuUsage(this.cpuAtMark);
    const h = this.histogram;
    const count = h.count;
    const ms = (us: number): number => us / 1000; // the histogram holds microseconds
    const memory = process.memoryUsage();
    return {
      delivered: this.total,
      windowDelivered: this.inWindow,
      windowMs: Math.max(0, this.lastAt - this.markAt),
      cpuUs: cpu.user + cpu.system,
      cpuSystemUs: cpu.system,
      latency: {
        count,
        p50: count ? ms(h.percentile(50)) : NaN,
        p99: count ? ms(h.percentile(99)) : NaN,
        max: count ? ms(h.max) : NaN,
        mean: count ? ms(h.mean) : NaN,
      },
      peakRssBytes: peakRss(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      unstamped: this.noStamp,
      logged: this.logCount,
      logSample: [...this.logs],
    };
  }
}

/** The process-wide recorder. */
export const recorder = new Recorder();

/** Reads a send time out of `<benchSent>` text (as the parser leaves it, a string). */
export function sentTimeOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") return Number(value);
  return NaN;
}

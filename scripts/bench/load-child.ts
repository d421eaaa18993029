// The load generator process: simulated cameras on keep-alive connections, and the in-process
// parseMessage timing. Driven by the bench parent over IPC (see ipc.ts).
import { createHistogram } from "node:perf_hooks";
import { parseMessage } from "../../src/protocol/parse";
import { CameraConnection, type ReplyInfo } from "./client";
import type { FromLoad, ToLoad } from "./ipc";
import type { LoadPlan, LoadResult, ParseTiming } from "./load-types";
import { hrNow } from "./stats";
import { bodyBytes, makeWorkload, sampleBody, type Workload, type WorkloadName } from "./workloads";

const workloads = new Map<WorkloadName, Workload>();

function workload(name: WorkloadName): Workload {
  let w = workloads.get(name);
  if (!w) {
    w = makeWorkload(name);
    workloads.set(name, w);
  }
  return w;
}

function send(message: FromLoad): void {
  process.send?.(message);
}

/** Runs one plan to the end: warm-up, window, then waits for every open request's reply. */
export function runLoad(plan: LoadPlan, onWarm: () => void): Promise<LoadResult> {
  const w = workload(plan.workload);
  const histogram = createHistogram({ lowest: 1, highest: 600_000_000, figures: 3 });
  const result: LoadResult = {
    workload: plan.workload, sent: 0, accepted: 0, rejected: 0, errors: 0, windowAccepted: 0, windowMs: 0,
    replyLatency: { count: 0, p50: NaN, p99: NaN, max: NaN }, bodyBytes: bodyBytes(w),
  };
  const start = hrNow();
  let windowStart = Number.POSITIVE_INFINITY;
  let windowSent = 0;
  let stopping = false;
  let stopAt = 0;
  const perConnectionInterval = plan.rate ? (1000 * plan.connections) / plan.rate : 0;

  return new Promise<LoadResult>((resolve) => {
    const connections: CameraConnection[] = [];
    const due: number[] = [];
    const timers = new Set<NodeJS.Timeout>();

    const finishIfIdle = (): void => {
      if (!stopping || connections.some((c) => c.busy)) return;
      for (const timer of timers) clearTimeout(timer);
      for (const c of connections) c.close();
      result.windowMs = stopAt - windowStart;
      result.replyLatency = {
        count: histogram.count,
        p50: histogram.count ? histogram.percentile(50) / 1000 : NaN,
        p99: histogram.count ? histogram.percentile(99) / 1000 : NaN,
        max: histogram.count ? histogram.max / 1000 : NaN,
      };
      clearTimeout(guard);
      resolve(result);
    };

    const next = (i: number): void => {
      if (stopping) return finishIfIdle();
      if (plan.count !== undefined && hrNow() >= windowStart) {
        if (windowSent >= plan.count) return stop();
        windowSent++;
      }
      const wait = perConnectionInterval ? due[i] - hrNow() : 0;
      if (wait > 0.5) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          fire(i);
        }, wait);
        timers.add(timer);
      } else {
        fire(i);
      }
    };
    const fire = (i: number): void => {
      if (stopping) return finishIfIdle();
      if (perConnectionInterval) due[i] += perConnectionInterval;
      result.sent++;
      connections[i].post();
    };

    const onReply = (i: number) => (info: ReplyInfo): void => {
      const inWindow = hrNow() >= windowStart && !stopping;
      if (info.outcome === "success") {
        result.accepted++;
        if (inWindow) {
          result.windowAccepted++;
          histogram.record(Math.max(1, Math.round(info.latencyMs * 1000)));
        }
      } else {
        if (info.outcome === "rejected") result.rejected++;
        else result.errors++;
        result.firstProblem ??= `${info.outcome}: ${info.detail ?? ""}`;
        if (info.outcome === "error") {
          // A refused or dropped connection: retry shortly instead of spinning on reconnects.
          const timer = setTimeout(() => {
            timers.delete(timer);
            next(i);
          }, 20);
          timers.add(timer);
          return;
        }
      }
      next(i);
    };

    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      stopAt = hrNow();
      finishIfIdle();
    };

    for (let i = 0; i < plan.connections; i++) {
      connections.push(new CameraConnection(plan.port, plan.path, w, onReply(i)));
      // Fixed rate: connections start evenly staggered over one interval.
      due.push(start + (perConnectionInterval * i) / plan.connections);
    }
    connections.forEach((_, i) => next(i));

    setTimeout(() => {
      windowStart = hrNow();
      histogram.reset();
      onWarm();
      if (plan.count === undefined) setTimeout(stop, plan.durationMs);
    }, plan.warmupMs);
    // Never hang: a request without a reply after a minute counts as an error.
    const guard = setTimeout(() => {
      stopping = true;
      stopAt ||= hrNow();
      for (const c of connections) {
        if (c.busy) {
          result.errors++;
          result.firstProblem ??= "error: no reply within 60 s";
        }
      }
      for (const c of connections) c.close();
      finishIfIdle();
    }, plan.warmupMs + (plan.count === undefined ? plan.durationMs : 600_000) + 60_000);
  });
}

/** Microseconds per parseMessage call on each workload's body, in this process. */
export function timeParses(names: WorkloadName[], seconds: number): ParseTiming[] {
  return names.map((name) => {
    const w = workload(name);
    const body = sampleBody(w);
    const run = (images: boolean, ms: number, minIterations: number): { us: number; n: number } => {
      let n = 0;
      const t0 = hrNow();
      let elapsed = 0;
      while (elapsed < ms || n < minIterations) {
        for (let i = 0; i < 10; i++) parseMessage(body, { images });
        n += 10;
        elapsed = hrNow() - t0;
      }
      return { us: (elapsed * 1000) / n, n };
    };
    // Warm both modes, then time them in alternating slices so that neither gains from order or drift.
    run(true, (seconds * 1000) / 3, 50);
    run(false, (seconds * 1000) / 3, 50);
    const withImages = { us: 0, n: 0 };
    const without = { us: 0, n: 0 };
    const rounds = 8;
    for (let r = 0; r < rounds; r++) {
      for (const [images, sum] of [[true, withImages], [false, without]] as const) {
        const slice = run(images, (seconds * 1000) / rounds, 5);
        sum.us += slice.us * slice.n;
        sum.n += slice.n;
      }
    }
    withImages.us /= withImages.n;
    without.us /= without.n;
    return {
      workload: name, bodyBytes: body.length, iterations: withImages.n + without.n,
      usPerParse: withImages.us, usPerParseNoImages: without.us,
    };
  });
}

function main(): void {
  process.on("message", (message: ToLoad) => {
    switch (message.cmd) {
      case "run":
        runLoad(message.plan, () => send({ type: "warm" })).then(
          (result) => send({ type: "done", result }),
          (err: unknown) => send({ type: "failed", error: String(err) }),
        );
        break;
      case "parse":
        try {
          send({ type: "parsed", timings: timeParses(message.workloads.filter(isName), message.seconds) });
        } catch (err) {
          send({ type: "failed", error: String(err) });
        }
        break;
      case "stop":
        process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));
  // Build the bodies named on the command line now (the large one takes about a second).
  for (const name of process.argv.slice(2)) if (isName(name)) workload(name);
  send({ type: "ready" });
}

function isName(s: string): s is WorkloadName {
  return s === "heartbeat" || s === "small" || s === "large" || s === "traject";
}

if (require.main === module) main();

// `npm run bench`: our Node-RED stack against a bare Node http server under the same camera load.
// Each server runs in its own child process (fresh per run), the load generator in another; this
// process only orchestrates and reports. See docs/benchmarks.md for the latest results.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, UsageError, USAGE, type BenchOptions } from "./args";
import { Child } from "./children";
import type { FromLoad, FromServer, ServerKind, ToLoad, ToServer } from "./ipc";
import type { LoadPlan, LoadResult, ParseTiming } from "./load-types";
import { nodeRedVersion, REPO_ROOT } from "./red-harness";
import { renderReport, type BenchReport, type RateRun, type RssRun, type RunRow } from "./report";
import type { ServerStats } from "./stats";
import { WORKLOAD_LABELS, type WorkloadName } from "./workloads";

type ServerChild = Child<FromServer, ToServer>;
type LoadChild = Child<FromLoad, ToLoad>;

const HERE = __dirname;
let quiet = false;
const log = (line: string): void => {
  if (!quiet) process.stderr.write(`bench: ${line}\n`);
};

async function startServer(kind: ServerKind, options: BenchOptions, profileName?: string): Promise<{ child: ServerChild; port: number }> {
  // BENCH_SERVER_ARGS: extra node flags for the server processes (e.g. --perf-basic-prof for `perf record -p`).
  const execArgv = ["--expose-gc", ...(process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean)];
  if (options.profileDir && profileName) {
    mkdirSync(options.profileDir, { recursive: true });
    execArgv.push("--cpu-prof", "--cpu-prof-dir", path.resolve(options.profileDir), "--cpu-prof-name", `${profileName}.cpuprofile`);
  }
  const t0 = Date.now();
  const child: ServerChild = new Child(path.join(HERE, "server-child.js"), [kind], execArgv, `${kind} server`);
  const ready = await child.expect("ready", 60_000);
  if (process.env.BENCH_DEBUG) log(`  ${kind} server (pid ${child.process.pid}) ready in ${Date.now() - t0} ms`);
  return { child, port: ready.port };
}

async function serverStats(child: ServerChild, gc = false): Promise<ServerStats> {
  child.send({ cmd: "stats", gc });
  return (await child.expect("stats")).stats;
}

/** Waits until the flow has counted `expected` deliveries (or nothing moved for 3 s). */
async function drain(child: ServerChild, expected: number): Promise<ServerStats> {
  let stats = await serverStats(child);
  let last = stats.delivered;
  let still = Date.now();
  while (stats.delivered < expected && Date.now() - still < 3000) {
    await new Promise((r) => setTimeout(r, 50));
    stats = await serverStats(child);
    if (stats.delivered !== last) {
      last = stats.delivered;
      still = Date.now();
    }
  }
  return stats;
}

interface Measured {
  load: LoadResult;
  stats: ServerStats;
  /** Stats taken right after the warm-up (memory run). */
  afterWarmup?: ServerStats;
}

/** One load plan against one fresh server. */
async function measure(kind: ServerKind, plan: Omit<LoadPlan, "port" | "path">, load: LoadChild, options: BenchOptions, gcAtMark = false): Promise<Measured> {
  const { child, port } = await startServer(kind, options, `${kind}-${plan.workload}${plan.rate ? "-rate" : plan.count ? "-rss" : ""}`);
  try {
    load.send({ cmd: "run", plan: { ...plan, port, path: "/API" } });
    await load.expect("warm", 120_000);
    let afterWarmup: ServerStats | undefined;
    if (gcAtMark) afterWarmup = await serverStats(child, true);
    child.send({ cmd: "mark" });
    await child.expect("marked");
    const done = await load.expect("done", 900_000);
    const delivered = plan.workload === "heartbeat" ? 0 : done.result.accepted;
    const stats = plan.workload === "heartbeat" ? await serverStats(child, gcAtMark) : await drain(child, delivered);
    const final = gcAtMark ? await serverStats(child, true) : stats;
    return { load: done.result, stats: final, afterWarmup };
  } finally {
    const t0 = Date.now();
    await child.stop({ cmd: "stop" });
    if (process.env.BENCH_DEBUG) log(`  ${kind} server stopped in ${Date.now() - t0} ms`);
  }
}

function row(workload: WorkloadName, server: ServerKind, m: Measured, label: string): RunRow {
  const heartbeat = workload === "heartbeat";
  const { load, stats } = m;
  const events = heartbeat ? load.windowAccepted : stats.windowDelivered;
  const seconds = (heartbeat ? load.windowMs : stats.windowMs) / 1000;
  return {
    workload, server, label, bodyBytes: load.bodyBytes,
    perSecond: seconds > 0 ? events / seconds : 0,
    accepted: load.accepted,
    delivered: heartbeat ? undefined : stats.delivered,
    lost: heartbeat ? undefined : load.accepted - stats.delivered,
    p50: heartbeat ? load.replyLatency.p50 : stats.latency.p50,
    p99: heartbeat ? load.replyLatency.p99 : stats.latency.p99,
    replyP99: load.replyLatency.p99,
    cpuUsPerEvent: events > 0 ? stats.cpuUs / events : NaN,
    kernelUsPerEvent: events > 0 ? stats.cpuSystemUs / events : NaN,
    peakRssBytes: stats.peakRssBytes,
    rejected: load.rejected,
    errors: load.errors,
    firstProblem: load.firstProblem,
    logSample: stats.logSample,
    logged: stats.logged,
  };
}

export interface BenchResult {
  report: BenchReport;
  markdown: string;
}

/** Runs the selected workloads and extra runs; returns the report (and writes it when asked). */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  quiet = options.quiet;
  const parseNames: WorkloadName[] = options.workloads.length
    ? options.workloads
    : options.extras.includes("parse") ? ["heartbeat", "small", "large", "traject"] : [];
  const bodies = new Set<WorkloadName>([...options.workloads, ...parseNames]);
  if (options.extras.includes("rate")) bodies.add("traject");
  if (options.extras.includes("rss")) bodies.add("small");
  log(`load generator: building ${[...bodies].join(", ")} bodies`);
  const load: LoadChild = new Child(path.join(HERE, "load-child.js"), [...bodies], [], "load generator");
  const report: BenchReport = {
    options, date: new Date().toISOString(), nodeRedVersion: nodeRedVersion(), rows: [], rateRuns: [], parse: [],
    seconds: 0,
  };
  try {
    await load.expect("ready", 120_000);
    // First, while the machine is quiet and the generator's JIT state is fresh.
    if (parseNames.length) {
      log(`parseMessage timing: ${parseNames.join(", ")}`);
      load.send({ cmd: "parse", workloads: parseNames, seconds: options.parseS });
      report.parse = (await load.expect("parsed", 120_000)).timings satisfies ParseTiming[];
    }
    const window = { connections: options.connections, warmupMs: options.warmupS * 1000, durationMs: options.durationS * 1000 };
    for (const workload of options.workloads) {
      for (const server of options.servers) {
        log(`${workload} / ${server}: ${options.warmupS}s warm-up + ${options.durationS}s, ${options.connections} connections`);
        const m = await measure(server, { workload, ...window }, load, options);
        const r = row(workload, server, m, WORKLOAD_LABELS[workload]);
        report.rows.push(r);
        log(`  ${r.perSecond.toFixed(0)}/s, accepted ${r.accepted}, lost ${r.lost ?? "-"}, p99 ${r.p99.toFixed(2)} ms`);
      }
    }
    if (options.extras.includes("rate")) {
      for (const server of options.servers) {
        log(`fixed rate / ${server}: traject at ${options.rate}/s for ${options.rateS}s`);
        const plan = {
          workload: "traject" as const, connections: options.rateConnections, warmupMs: Math.min(1000, options.warmupS * 1000),
          durationMs: options.rateS * 1000, rate: options.rate,
        };
        const m = await measure(server, plan, load, options);
        const run: RateRun = {
          server, target: options.rate, seconds: options.rateS,
          achieved: m.load.windowMs > 0 ? m.load.windowAccepted / (m.load.windowMs / 1000) : 0,
          accepted: m.load.accepted, delivered: m.stats.delivered, lost: m.load.accepted - m.stats.delivered,
          p50: m.stats.latency.p50, p99: m.stats.latency.p99, max: m.stats.latency.max,
          cpuUsPerEvent: m.stats.windowDelivered ? m.stats.cpuUs / m.stats.windowDelivered : NaN,
          peakRssBytes: m.stats.peakRssBytes,
        };
        report.rateRuns.push(run);
        log(`  p99 ${run.p99.toFixed(2)} ms, lost ${run.lost}`);
      }
    }
    if (options.extras.includes("rss") && options.servers.includes("ours")) {
      log(`memory: ${options.rssEvents} small events through our stack`);
      const plan = { workload: "small" as const, connections: options.connections, warmupMs: options.warmupS * 1000, durationMs: 0, count: options.rssEvents };
      const m = await measure("ours", plan, load, options, true);
      const before = m.afterWarmup ?? m.stats;
      const rss: RssRun = {
        events: options.rssEvents, accepted: m.load.accepted, delivered: m.stats.delivered, lost: m.load.accepted - m.stats.delivered,
        rssBefore: before.rssBytes, rssAfter: m.stats.rssBytes, heapBefore: before.heapUsedBytes, heapAfter: m.stats.heapUsedBytes,
        peakRssBytes: m.stats.peakRssBytes,
        perSecond: m.stats.windowMs > 0 ? m.stats.windowDelivered / (m.stats.windowMs / 1000) : 0,
      };
      report.rss = rss;
      log(`  RSS ${(rss.rssBefore / 2 ** 20).toFixed(1)} -> ${(rss.rssAfter / 2 ** 20).toFixed(1)} MB`);
    }
  } finally {
    await load.stop({ cmd: "stop" });
  }
  report.seconds = (Date.now() - started) / 1000;
  const markdown = renderReport(report);
  if (options.out) {
    const file = path.resolve(REPO_ROOT, options.out);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, markdown);
    log(`wrote ${path.relative(process.cwd(), file) || file}`);
  }
  return { report, markdown };
}

async function cli(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) process.stderr.write(`bench: ${err.message}\n`);
      process.stderr.write(USAGE);
      return err.message ? 2 : 0;
    }
    throw err;
  }
  const { markdown } = await runBench(options);
  process.stdout.write(markdown);
  return 0;
}

if (require.main === module) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

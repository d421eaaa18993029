// The Markdown report: machine, command, one table per run kind, and the issue's targets.
import os from "node:os";
import type { BenchOptions } from "./args";
import type { ServerKind } from "./ipc";
import type { ParseTiming } from "./load-types";
import type { WorkloadName } from "./workloads";

export interface RunRow {
  workload: WorkloadName;
  server: ServerKind;
  label: string;
  bodyBytes: number;
  /** Events delivered to the flow per second (heartbeats: success replies per second). */
  perSecond: number;
  accepted: number;
  /** Undefined for heartbeats (never delivered to the flow). */
  delivered: number | undefined;
  lost: number | undefined;
  /** Send -> delivery (heartbeats: send -> reply), ms. */
  p50: number;
  p99: number;
  /** Send -> reply p99 as the camera saw it, ms. */
  replyP99: number;
  cpuUsPerEvent: number;
  /** The system (kernel) part of it: socket reads and writes mostly. */
  kernelUsPerEvent: number;
  peakRssBytes: number;
  rejected: number;
  errors: number;
  firstProblem?: string;
  logged: number;
  logSample: string[];
}

export interface RateRun {
  server: ServerKind;
  target: number;
  seconds: number;
  achieved: number;
  accepted: number;
  delivered: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  cpuUsPerEvent: number;
  peakRssBytes: number;
}

export interface RssRun {
  events: number;
  accepted: number;
  delivered: number;
  lost: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  peakRssBytes: number;
  perSecond: number;
}

export interface BenchReport {
  options: BenchOptions;
  date: string;
  nodeRedVersion: string;
  rows: RunRow[];
  rateRuns: RateRun[];
  rss?: RssRun;
  parse: ParseTiming[];
  seconds: number;
}

export interface TargetResult {
  target: string;
  measured: string;
  /** undefined = not run. */
  pass: boolean | undefined;
}

const MB = 1024 * 1024;
const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const mb = (bytes: number): string => fixed(bytes / MB, 1);
const size = (bytes: number): string => (bytes === 0 ? "0 B" : bytes < 10_000 ? `${(bytes / 1024).toFixed(1)} KB` : `${Math.round(bytes / 1024)} KB`);
const ratio = (ours: number, base: number): string =>
  Number.isFinite(ours) && Number.isFinite(base) && base > 0 ? `${(ours / base).toFixed(2)}x` : "–";
const withRatio = (text: string, ours: number, base: number | undefined): string =>
  base === undefined ? text : `${text} (${ratio(ours, base)})`;

export function machine(nodeRed: string): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() ?? "unknown CPU";
  return `${model}, ${cpus.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}, Node-RED ${nodeRed}`;
}

function pair(rows: RunRow[], workload: WorkloadName): { ours?: RunRow; base?: RunRow } {
  return { ours: rows.find((r) => r.workload === workload && r.server === "ours"), base: rows.find((r) => r.workload === workload && r.server === "baseline") };
}

export function evaluateTargets(report: BenchReport): TargetResult[] {
  const results: TargetResult[] = [];
  const throughput = (workload: WorkloadName, min: number, what: string): void => {
    const { ours, base } = pair(report.rows, workload);
    if (!ours || !base) {
      results.push({ target: `${what}: delivered/s >= ${min}x baseline`, measured: "not run", pass: undefined });
      return;
    }
    const r = ours.perSecond / base.perSecond;
    results.push({
      target: `${what}: delivered/s >= ${min}x baseline`,
      measured: `${int(ours.perSecond)}/s vs ${int(base.perSecond)}/s = ${r.toFixed(2)}x`,
      pass: r >= min,
    });
  };
  throughput("small", 0.5, "small events");
  throughput("traject", 0.5, "traject posts");
  throughput("large", 0.7, "large image events");

  const rate = report.rateRuns.find((r) => r.server === "ours");
  results.push(rate
    ? { target: `p99 send->delivery < 20 ms at ${rate.target} traject/s`, measured: `p99 ${fixed(rate.p99, 2)} ms (${int(rate.achieved)}/s achieved)`, pass: rate.p99 < 20 && rate.achieved >= rate.target * 0.95 }
    : { target: "p99 send->delivery < 20 ms at 500 traject/s", measured: "not run", pass: undefined });

  const rss = report.rss;
  if (rss) {
    const growth = (rss.rssAfter - rss.rssBefore) / MB;
    const note = rss.events < 100_000 ? ` (only ${int(rss.events)} events: indicative)` : "";
    results.push({ target: "RSS growth < 30 MB over 100,000 small events", measured: `${fixed(growth, 1)} MB over ${int(rss.events)} events${note}`, pass: growth < 30 });
  } else {
    results.push({ target: "RSS growth < 30 MB over 100,000 small events", measured: "not run", pass: undefined });
  }

  const losses: string[] = [];
  for (const r of report.rows) {
    if ((r.lost ?? 0) !== 0) losses.push(`${r.workload}/${r.server} lost ${r.lost}`);
    if (r.rejected + r.errors > 0) losses.push(`${r.workload}/${r.server} ${r.rejected} rejected, ${r.errors} errors`);
  }
  for (const r of report.rateRuns) if (r.lost !== 0) losses.push(`rate/${r.server} lost ${r.lost}`);
  if (rss && rss.lost !== 0) losses.push(`memory run lost ${rss.lost}`);
  const runs = report.rows.length + report.rateRuns.length + (rss ? 1 : 0);
  results.push({
    target: "0 events lost (delivered == accepted, no rejected post) in every run",
    measured: runs === 0 ? "not run" : losses.length ? losses.join("; ") : `0 lost in ${runs} runs`,
    pass: runs === 0 ? undefined : losses.length === 0,
  });
  return results;
}

export function renderReport(report: BenchReport): string {
  const o = report.options;
  const lines: string[] = [];
  const add = (...l: string[]): void => void lines.push(...l);
  add(
    "# Benchmarks",
    "",
    `Measured ${report.date.slice(0, 16).replace("T", " ")} UTC with \`${o.command}\`${o.quick ? " (quick mode: short runs, figures are rough)" : ""}; the run took ${Math.round(report.seconds)} s.`,
    "",
    `Machine: ${machine(report.nodeRedVersion)}.`,
    "",
    "Setup: each server runs in a fresh child process per run; the load generator is a separate process " +
      `with ${o.connections} persistent keep-alive loopback connections, each posting one request at a time and the next ` +
      `as soon as the reply is in (like cameras). ${o.warmupS} s warm-up, then a ${o.durationS} s window. ` +
      "**ours** = a real Node-RED runtime (`RED.init`/`RED.start`) with the flow viewtron-config (path /API, defaults) -> " +
      "viewtron-in (events, alarm status, traject, images on) -> a counting node; **baseline** = a bare Node `http` server " +
      "that reads the body, sends the success reply and base64-decodes the images (found by indexOf). " +
      "Delivered = counted in the flow (baseline: body read and images decoded), accepted = HTTP 200 success replies at " +
      "the generator, lost = accepted - delivered after draining. Latency runs from the generator's send time (embedded in " +
      "each body as `<benchSent>`) to delivery. CPU = server process user+system time in the window per event (\"of it kernel\": the system part); peak RSS = VmHWM " +
      "of the server process. Ratios in parentheses: ours / baseline measured in the same run.",
    "",
    "## Throughput, latency, CPU and memory",
    "",
    "| workload | body | server | events/s delivered | accepted | delivered | lost | p50 ms | p99 ms | CPU µs/event | of it kernel | peak RSS MB |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  const workloads = [...new Set(report.rows.map((r) => r.workload))];
  for (const workload of workloads) {
    const { ours, base } = pair(report.rows, workload);
    const heartbeat = workload === "heartbeat";
    for (const r of [base, ours]) {
      if (!r) continue;
      const b = r.server === "ours" ? base : undefined;
      const rate = heartbeat ? `${int(r.perSecond)} replies/s*` : int(r.perSecond);
      add(
        `| ${workload} | ${size(r.bodyBytes)} | ${r.server} | ${withRatio(rate, r.perSecond, b?.perSecond)} | ${int(r.accepted)} | ` +
          `${r.delivered === undefined ? "–*" : int(r.delivered)} | ${r.lost === undefined ? "–" : int(r.lost)}` +
          `${r.rejected + r.errors > 0 ? ` (${r.rejected} rejected, ${r.errors} errors)` : ""} | ` +
          `${withRatio(fixed(r.p50, 2), r.p50, b?.p50)} | ${withRatio(fixed(r.p99, 2), r.p99, b?.p99)} | ` +
          `${withRatio(fixed(r.cpuUsPerEvent, 0), r.cpuUsPerEvent, b?.cpuUsPerEvent)} | ${fixed(r.kernelUsPerEvent, 0)} | ` +
          `${withRatio(mb(r.peakRssBytes), r.peakRssBytes, b?.peakRssBytes)} |`,
      );
    }
  }
  if (workloads.includes("heartbeat")) {
    add("", "\\* Heartbeats (empty POST bodies) are answered but never delivered to the flow: their row counts success replies, and latency is send -> reply.");
  }
  add("", "Bodies: " + workloads.map((w) => `${w}: ${report.rows.find((r) => r.workload === w)?.label ?? w}`).join("; ") + ".");

  if (report.rateRuns.length) {
    const base = report.rateRuns.find((r) => r.server === "baseline");
    const t = report.rateRuns[0];
    add(
      "",
      `## Fixed rate: ${int(t.target)} traject posts/s for ${t.seconds} s (${o.rateConnections} connections)`,
      "",
      "| server | posts/s achieved | accepted | delivered | lost | p50 ms | p99 ms | max ms | CPU µs/event | peak RSS MB |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const r of [...report.rateRuns].sort((a) => (a.server === "baseline" ? -1 : 1))) {
      const b = r.server === "ours" ? base : undefined;
      add(
        `| ${r.server} | ${int(r.achieved)} | ${int(r.accepted)} | ${int(r.delivered)} | ${int(r.lost)} | ${withRatio(fixed(r.p50, 2), r.p50, b?.p50)} | ` +
          `${withRatio(fixed(r.p99, 2), r.p99, b?.p99)} | ${fixed(r.max, 2)} | ${withRatio(fixed(r.cpuUsPerEvent, 0), r.cpuUsPerEvent, b?.cpuUsPerEvent)} | ` +
          `${withRatio(mb(r.peakRssBytes), r.peakRssBytes, b?.peakRssBytes)} |`,
      );
    }
  }

  if (report.rss) {
    const r = report.rss;
    add(
      "",
      `## Memory: ${int(r.events)} small events through our stack`,
      "",
      "Resident set and V8 heap (after a forced GC) right after the warm-up and after the last delivery.",
      "",
      "| events | events/s | lost | RSS after warm-up MB | RSS after MB | growth MB | heap after warm-up MB | heap after MB | peak RSS MB |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      `| ${int(r.events)} | ${int(r.perSecond)} | ${int(r.lost)} | ${mb(r.rssBefore)} | ${mb(r.rssAfter)} | ${fixed((r.rssAfter - r.rssBefore) / MB, 1)} | ` +
        `${mb(r.heapBefore)} | ${mb(r.heapAfter)} | ${mb(r.peakRssBytes)} |`,
    );
  }

  if (report.parse.length) {
    add(
      "",
      "## `parseMessage` alone",
      "",
      "In-process, the same bodies, many iterations (after a warm-up).",
      "",
      "| workload | body | µs per parse (images decoded) | parses/s | µs per parse, `images: false` |",
      "|---|---:|---:|---:|---:|",
    );
    for (const p of report.parse) {
      add(`| ${p.workload} | ${size(p.bodyBytes)} | ${fixed(p.usPerParse, 1)} | ${int(1e6 / p.usPerParse)} | ${fixed(p.usPerParseNoImages, 1)} |`);
    }
  }

  add("", "## Targets (issue 6)", "", "| target | measured | result |", "|---|---|---|");
  for (const t of evaluateTargets(report)) {
    add(`| ${t.target} | ${t.measured} | ${t.pass === undefined ? "not run" : t.pass ? "PASS" : "**FAIL**"} |`);
  }

  add(
    "",
    "Profiling: `npm run bench -- --only small --servers ours --profile prof` writes `prof/ours-small.cpuprofile`; " +
      "`node dist/scripts/bench/profile-top.js prof/ours-small.cpuprofile` lists the hottest functions. " +
      "For native and kernel frames: `BENCH_DEBUG=1 BENCH_SERVER_ARGS=--perf-basic-prof npm run bench -- ...` prints the server pids for `perf record -g -p PID`.",
  );

  const problems = report.rows.filter((r) => r.firstProblem || r.logged > 0);
  if (problems.length) {
    add("", "## Problems seen", "");
    for (const r of problems) {
      if (r.firstProblem) add(`- ${r.workload}/${r.server}: ${r.firstProblem}`);
      if (r.logged > 0) add(`- ${r.workload}/${r.server}: Node-RED logged ${r.logged} warning(s)/error(s), e.g. ${r.logSample.slice(0, 2).join(" | ")}`);
    }
  }
  add("");
  return lines.join("\n");
}

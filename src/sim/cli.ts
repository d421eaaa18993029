// `viewtron-simulate`: simulated Viewtron cameras posting to a URL. Prints one line per post and
// a summary; exit code 0 when every answer was the success reply, 1 when not, 2 for bad options.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCli, UsageError, USAGE, type CliOptions } from "./cli-args";
import { formatOfType } from "./event-types";
import { filesFeed, generatorFeed, scenarioFeed, type FeedFactory } from "./feed";
import { generateBody } from "./generate";
import { runSimulation, type PostReport, type SimulationSummary } from "./client";
import { isScenario, SCENARIOS } from "./scenarios";
import { SimError, type GenerateOptions, type SimFormat, type SimImageOptions } from "./sim-types";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MB`;
}

/** `cam 1  event VEHICE plate=KTR0815  7.4 KB -> 200 ok  3.1 ms` */
export function formatReport(r: PostReport): string {
  const { label, outcome } = r;
  const what = [label.kind];
  if (label.type !== undefined) what.push(label.type);
  if (label.active !== undefined) what.push(label.active ? "on" : "off");
  if (label.plate !== undefined) what.push(`plate=${label.plate}`);
  if (label.file !== undefined) what.push(`file=${label.file}`);
  if (r.heartbeat) what.push("(heartbeat)");
  const answer = outcome.ok
    ? `${outcome.status} ok`
    : outcome.status !== undefined ? `${outcome.status} FAILED: ${outcome.error}` : `FAILED: ${outcome.error}`;
  return `cam ${r.camera}  ${what.join(" ")}  ${formatBytes(r.bytes)} -> ${answer}  ${outcome.ms.toFixed(1)} ms`;
}

export function formatSummary(s: SimulationSummary): string[] {
  const lines = [
    `sent ${s.sent} (${s.heartbeats} heartbeats, ${formatBytes(s.bytes)}) from ${s.cameras} camera(s) over ${s.connections} connection(s) ` +
      `in ${(s.durationMs / 1000).toFixed(2)} s, ${s.postsPerSecond.toFixed(1)} posts/s`,
    `answers: ${s.ok} ok, ${s.failed} failed; latency p50 ${s.latencyMs.p50.toFixed(1)} ms, p99 ${s.latencyMs.p99.toFixed(1)} ms, ` +
      `max ${s.latencyMs.max.toFixed(1)} ms`,
  ];
  for (const [reason, n] of Object.entries(s.errors)) lines.push(`  ${n} x ${reason}`);
  if (s.unreachable) lines.push("server unreachable");
  return lines;
}

function imagesOption(options: CliOptions): boolean | SimImageOptions {
  if (!options.images) return false;
  const images: SimImageOptions = { seed: options.seed };
  if (options.overview !== undefined) images.overview = options.overview;
  if (options.crop !== undefined) images.crop = options.crop;
  return images;
}

function buildFeed(options: CliOptions, format: SimFormat): FeedFactory {
  if (options.files.length > 0) {
    const files = options.files.map((file) => {
      try {
        return { name: path.basename(file), body: fs.readFileSync(file) };
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    return filesFeed(files);
  }
  const images = imagesOption(options);
  if (options.scenario !== undefined) {
    if (!isScenario(options.scenario)) throw new UsageError(`unknown scenario "${options.scenario}"; use one of ${SCENARIOS.join(", ")}`);
    return scenarioFeed({ name: options.scenario, format, images, seed: options.seed });
  }
  const plate: NonNullable<GenerateOptions["plate"]> = {};
  if (options.plate !== undefined) plate.number = options.plate;
  if (options.group !== undefined) plate.group = options.group;
  if (options.direction !== undefined) plate.direction = options.direction;
  const generate: GenerateOptions = {
    format, kind: options.kind, plate, images, active: options.active, seed: options.seed,
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(options.keepalive === undefined ? {} : { keepalive: options.keepalive }),
  };
  generateBody({ ...generate, images: false }); // throws SimError for impossible options, before any post
  return generatorFeed(generate);
}

export async function main(argv: string[], io: CliIo = defaultIo, signal?: AbortSignal): Promise<number> {
  let options: CliOptions;
  let feed: FeedFactory;
  let format: SimFormat;
  try {
    options = parseCli(argv);
    if (options.help) {
      io.out(USAGE);
      return 0;
    }
    try {
      new URL(options.url ?? "");
    } catch {
      throw new UsageError(`not a URL: ${options.url}`);
    }
    format = options.format ?? formatOfType(options.type);
    feed = buildFeed(options, format);
  } catch (err) {
    if (err instanceof UsageError || err instanceof SimError) {
      io.err(`viewtron-simulate: ${err.message}\n(--help for usage)`);
      return 2;
    }
    throw err;
  }
  // --heartbeat alone (no count, no duration): stay connected until interrupted.
  const linger = options.heartbeatSec !== undefined && options.count === undefined && options.durationSec === undefined;
  const summary = await runSimulation({
    url: options.url ?? "",
    format,
    cameras: options.cameras,
    feed,
    count: options.count,
    durationSec: options.durationSec,
    rate: options.rate,
    heartbeatSec: options.heartbeatSec,
    keepalive: options.keepalive,
    linger,
    user: options.user,
    password: options.password,
    timeoutMs: options.timeoutMs,
    signal,
    onPost: options.quiet ? undefined : (report) => io.out(formatReport(report)),
  });
  for (const line of formatSummary(summary)) io.out(line);
  return summary.failed > 0 || summary.unreachable ? 1 : 0;
}

/** Entry of bin/viewtron-simulate: Ctrl-C ends the run with a summary, a second one at once. */
export function run(): void {
  const controller = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  });
  main(process.argv.slice(2), defaultIo, controller.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`viewtron-simulate: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

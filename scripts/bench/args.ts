// Command line of `npm run bench`.
import type { ServerKind } from "./ipc";
import { WORKLOAD_NAMES, isWorkloadName, type WorkloadName } from "./workloads";

export type ExtraRun = "rate" | "rss" | "parse";
export const EXTRA_RUNS: readonly ExtraRun[] = ["rate", "rss", "parse"];

export interface BenchOptions {
  quick: boolean;
  workloads: WorkloadName[];
  extras: ExtraRun[];
  /** Measuring window per workload and server, seconds. */
  durationS: number;
  warmupS: number;
  connections: number;
  /** The fixed-rate run: traject posts/s, seconds, connections. */
  rate: number;
  rateS: number;
  rateConnections: number;
  /** The memory run: small events after warm-up. */
  rssEvents: number;
  /** Seconds of parseMessage timing per body and mode. */
  parseS: number;
  /** Markdown file to write, or undefined for stdout only. */
  out: string | undefined;
  /** Folder for --cpu-prof profiles of the server processes ('<server>-<workload>.cpuprofile'). */
  profileDir: string | undefined;
  /** No progress lines on stderr. */
  quiet: boolean;
  /** Which servers to measure (default both). */
  servers: ServerKind[];
  /** The command line as typed, for the report. */
  command: string;
}

export const USAGE = `Usage: npm run bench -- [options]
  --quick             short runs (smoke test, ~20 s); writes no file unless --out is given
  --duration S        measuring window per workload and server (default 6, quick 1)
  --warmup S          warm-up before each window (default 1.5, quick 0.3)
  --connections N     keep-alive camera connections (default 8)
  --only LIST         comma list of: ${[...WORKLOAD_NAMES, ...EXTRA_RUNS].join(", ")} (default all)
  --rate N            posts/s of the fixed-rate traject run (default 500)
  --rate-seconds S    length of the fixed-rate run (default 10, quick 1.5)
  --rss-events N      small events of the memory run (default 100000, quick 5000)
  --out FILE          Markdown report, relative to the package root (default docs/benchmarks.md; quick: none)
  --no-write          print only
  --quiet             no progress lines on stderr
  --profile DIR       run the servers with --cpu-prof, profiles into DIR
                      (summary: node dist/scripts/bench/profile-top.js DIR/ours-small.cpuprofile)
  --servers LIST      baseline,ours (default both; ratios need both)
`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const options: BenchOptions = {
    quick,
    workloads: [...WORKLOAD_NAMES],
    extras: [...EXTRA_RUNS],
    durationS: quick ? 1 : 6,
    warmupS: quick ? 0.3 : 1.5,
    connections: 8,
    rate: 500,
    rateS: quick ? 1.5 : 10,
    rateConnections: 10,
    rssEvents: quick ? 5_000 : 100_000,
    parseS: quick ? 0.1 : 0.6,
    out: quick ? undefined : "docs/benchmarks.md",
    profileDir: undefined,
    servers: ["baseline", "ours"],
    quiet: false,
    command: ["npm run bench", ...(argv.length ? ["--", ...argv] : [])].join(" "),
  };
  const number = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < min) throw new UsageError(`${name} needs a number >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case "--quick":
        break;
      case "--duration":
        options.durationS = number(arg, value(), 0.2);
        break;
      case "--warmup":
        options.warmupS = number(arg, value(), 0);
        break;
      case "--connections":
        options.connections = Math.round(number(arg, value(), 1));
        break;
      case "--rate":
        options.rate = number(arg, value(), 1);
        break;
      case "--rate-seconds":
        options.rateS = number(arg, value(), 0.5);
        break;
      case "--rss-events":
        options.rssEvents = Math.round(number(arg, value(), 100));
        break;
      case "--out": {
        const file = value();
        if (!file) throw new UsageError("--out needs a file");
        options.out = file;
        break;
      }
      case "--quiet":
        options.quiet = true;
        break;
      case "--no-write":
        options.out = undefined;
        break;
      case "--profile": {
        const dir = value();
        if (!dir) throw new UsageError("--profile needs a folder");
        options.profileDir = dir;
        break;
      }
      case "--only": {
        const names = (value() ?? "").split(",").map((s) => s.trim()).filter(Boolean);
        if (names.length === 0) throw new UsageError("--only needs a list");
        const unknown = names.filter((n) => !isWorkloadName(n) && !(EXTRA_RUNS as readonly string[]).includes(n));
        if (unknown.length) throw new UsageError(`unknown run(s) for --only: ${unknown.join(", ")}`);
        options.workloads = WORKLOAD_NAMES.filter((n) => names.includes(n));
        options.extras = EXTRA_RUNS.filter((n) => names.includes(n));
        break;
      }
      case "--servers": {
        const names = (value() ?? "").split(",").map((s) => s.trim());
        const servers = (["baseline", "ours"] as const).filter((k) => names.includes(k));
        if (servers.length === 0) throw new UsageError("--servers needs baseline, ours or both");
        options.servers = servers;
        break;
      }
      case "--help":
      case "-h":
        throw new UsageError("");
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return options;
}

// Messages between the bench parent and its two kinds of child (server, load generator).
import type { ServerStats } from "./stats";
import type { LoadResult, LoadPlan, ParseTiming } from "./load-types";

export type ServerKind = "ours" | "baseline";

export type ToServer =
  | { cmd: "mark" }
  | { cmd: "stats"; gc?: boolean }
  | { cmd: "stop" };

export type FromServer =
  | { type: "ready"; port: number; nodeRedVersion?: string }
  | { type: "marked" }
  | { type: "stats"; stats: ServerStats }
  | { type: "failed"; error: string };

export type ToLoad =
  | { cmd: "run"; plan: LoadPlan }
  | { cmd: "parse"; workloads: string[]; seconds: number }
  | { cmd: "stop" };

export type FromLoad =
  | { type: "ready" }
  | { type: "warm" }
  | { type: "done"; result: LoadResult }
  | { type: "parsed"; timings: ParseTiming[] }
  | { type: "failed"; error: string };

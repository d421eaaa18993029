// The four bench workloads as body templates. Each stamped body is `prefix + sendTime + suffix`:
// the send time (hrNow() of the load generator, ms) sits in an extra `<benchSent>` element that the
// parser hands on as `payload.extra.benchSent`. Images are real JPEGs made by the simulator at
// start-up (about a second for the overview), never stored.
import { generateBody } from "../../src/sim/generate";
import type { GenerateOptions } from "../../src/sim/sim-types";

export type WorkloadName = "heartbeat" | "small" | "large" | "traject";

export const WORKLOAD_NAMES: readonly WorkloadName[] = ["heartbeat", "small", "large", "traject"];

export interface Workload {
  name: WorkloadName;
  /** What the body is, for the table. */
  label: string;
  /** Bytes before the send time (empty for heartbeats). */
  prefix: Buffer;
  suffix: Buffer;
  /** False for heartbeats: an empty body, counted by replies, never delivered to the flow. */
  stamped: boolean;
}

/** At quality 65: overview ~380 K and crop ~95 K base64 characters (PROTOCOL.md 1.5: ~418 KB / ~92 KB bodies). */
export const LARGE_IMAGES = {
  overview: { width: 2560, height: 1440 },
  crop: { width: 1184, height: 666 },
} as const;

export const WORKLOAD_LABELS: Readonly<Record<WorkloadName, string>> = {
  heartbeat: "empty heartbeat POST",
  small: "IPC LPR event (VEHICE), no images",
  large: "IPC LPR event, overview + crop JPEG",
  traject: "IPC traject post, 2 targets",
};

const STAMP_OPEN = "<benchSent>";
const STAMP_CLOSE = "</benchSent>\n";

function stamped(name: WorkloadName, options: GenerateOptions): Workload {
  const body = generateBody(options).body;
  const end = body.lastIndexOf("</config>");
  if (end < 0) throw new Error(`generated ${name} body has no </config>`);
  return {
    name,
    label: WORKLOAD_LABELS[name],
    prefix: Buffer.from(body.slice(0, end) + STAMP_OPEN, "utf8"),
    suffix: Buffer.from(STAMP_CLOSE + body.slice(end), "utf8"),
    stamped: true,
  };
}

/** Builds one workload (the large one encodes two JPEGs: about a second). */
export function makeWorkload(name: WorkloadName): Workload {
  const fixed = { timeUs: Date.UTC(2025, 5, 1, 12) * 1000, seed: 7 };
  switch (name) {
    case "heartbeat":
      return { name, label: WORKLOAD_LABELS[name], prefix: Buffer.alloc(0), suffix: Buffer.alloc(0), stamped: false };
    case "small":
      return stamped(name, { ...fixed, format: "ipc", type: "VEHICE" });
    case "large":
      return stamped(name, {
        ...fixed,
        format: "ipc",
        type: "VEHICE",
        images: { overview: LARGE_IMAGES.overview, crop: LARGE_IMAGES.crop, quality: 65, seed: 3 },
      });
    case "traject":
      return stamped(name, { ...fixed, format: "ipc", kind: "traject", targets: [{}, {}] });
  }
}

/** Body size with a send time of the usual width. */
export function bodyBytes(w: Workload): number {
  return w.stamped ? w.prefix.length + sampleStamp().length + w.suffix.length : 0;
}

/** A complete body with a fixed send time, for parse timing. */
export function sampleBody(w: Workload): Buffer {
  return w.stamped ? Buffer.concat([w.prefix, Buffer.from(sampleStamp()), w.suffix]) : Buffer.alloc(0);
}

function sampleStamp(): string {
  return (1_750_000_000_000).toFixed(3);
}

export function isWorkloadName(s: string): s is WorkloadName {
  return (WORKLOAD_NAMES as readonly string[]).includes(s);
}

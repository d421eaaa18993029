// Mixed webhook bodies from the simulator, each carrying a unique id where the payload shows it:
// the first target's id (events, traject) or the alarm id (alarm status). Heartbeats carry none.
import { generateBody, type GenerateOptions, type SimDevice, type SimFormat, type SimKind } from "../../src/sim";

export interface LoadBody {
  body: string;
  kind: SimKind;
  /** Unique per post; absent for heartbeats (which never reach the flow). */
  id?: string;
}

type Step = Pick<GenerateOptions, "kind" | "type" | "active">;

const IPC_CYCLE: Step[] = [
  { type: "VEHICE" }, { kind: "traject" }, { type: "PEA" }, { kind: "traject" }, { kind: "alarmStatus", type: "PEA", active: true },
  { type: "PEA-tripwire" }, { kind: "traject" }, { type: "VFD" }, { type: "AOIENTRY" }, { kind: "keepalive" },
  { type: "AOILEAVE" }, { type: "LOITER" }, { type: "PVD" }, { kind: "alarmStatus", type: "PEA", active: false },
];

const NVR_CYCLE: Step[] = [
  { type: "vehicle" }, { kind: "alarmStatus", type: "regionIntrusion", active: true }, { type: "regionIntrusion" },
  { type: "lineCrossing" }, { type: "videoFaceDetect" }, { kind: "keepalive" }, { type: "videoMetadata" },
  { type: "targetCountingByLine" }, { type: "targetCountingByArea" }, { kind: "alarmStatus", type: "regionIntrusion", active: false },
];

/** Small real JPEGs (cached by the simulator after the first use). */
const IMAGES = { overview: { width: 320, height: 180 }, crop: { width: 64, height: 48 }, seed: 5 };

/** Post `n` (0-based) of a camera: the kind follows the cycle, every 4th event has pictures. */
export function loadBody(format: SimFormat, device: SimDevice, id: string, n: number): LoadBody {
  const cycle = format === "ipc" ? IPC_CYCLE : NVR_CYCLE;
  const step = cycle[n % cycle.length];
  const kind = step.kind ?? "event";
  const images = kind === "event" && n % 4 === 0 ? IMAGES : undefined;
  const generated = generateBody({
    ...step, format, kind, device, seed: Number(id), images, targets: [{ id }], alarmId: id, plate: { number: `P${id}` },
  });
  return kind === "keepalive" ? { body: generated.body, kind } : { body: generated.body, kind, id };
}

interface IdCarrier {
  kind?: unknown;
  targets?: Array<{ id?: unknown }>;
  alarms?: Array<{ id?: unknown }>;
}

/** The id a delivered payload carries, or undefined. */
export function idOf(payload: unknown): string | undefined {
  const p = payload as IdCarrier | undefined;
  const id = p?.kind === "alarmStatus" ? p.alarms?.[0]?.id : p?.targets?.[0]?.id;
  return typeof id === "string" ? id : undefined;
}

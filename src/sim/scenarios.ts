// Scripted sequences in the order real devices post them (PROTOCOL.md 1.7): an IPC sends traject,
// then the event, then alarm status on, and "off" only when the rule's hold time runs out; an NVR
// sends alarm status before its alarmData and never forwards traject.
import { SimRandom } from "./random";
import { makePlate } from "./plates";
import { SimError, type GenerateOptions, type SimFormat, type SimRect, type SimTarget } from "./sim-types";

export interface ScenarioStep {
  /** Generator options (device, time and images are filled in by the feed). */
  options: GenerateOptions;
  /** Pause before this post at natural pace. */
  delayMs: number;
}

export interface ScenarioContext {
  format: SimFormat;
  seed: number;
  /** Time of the first post, epoch µs. */
  startUs: number;
}

export const SCENARIOS = ["car-arrives", "person-at-night", "mixed"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

const TRAJECT_GAP = 150; // ~7 traject posts/s per target
const HOLD = 3000; // alarm hold time (cameras: 5-20 s; shorter keeps the demo lively)

function moving(target: SimTarget, steps: number, dy: number): SimRect[] {
  return Array.from({ length: steps }, (_, i) => ({
    ...target.rect,
    y1: Math.min(9000, target.rect.y1 + i * dy),
    y2: Math.min(10000, target.rect.y2 + i * dy),
  }));
}

function trajectSteps(target: SimTarget, steps: number, dy: number, first: number): ScenarioStep[] {
  return moving(target, steps, dy).map((rect, i) => ({
    options: { kind: "traject", targets: [{ ...target, rect }] },
    delayMs: i === 0 ? first : TRAJECT_GAP,
  }));
}

const alarm = (type: string, active: boolean, delayMs: number): ScenarioStep => ({
  options: { kind: "alarmStatus", type, active }, delayMs,
});

function carArrives(ctx: ScenarioContext, rand: SimRandom): ScenarioStep[] {
  const car: SimTarget = { id: String(rand.int(100, 60000)), type: "car", rect: { x1: 3000, y1: 1500, x2: 6500, y2: 4500 } };
  const person: SimTarget = { id: String(Number(car.id) + 1), type: "person", rect: { x1: 6000, y1: 3500, x2: 7000, y2: 8000 } };
  const plate = { number: makePlate(rand) };
  const plateEvent: ScenarioStep = { options: { type: "lpr", targets: [car], plate }, delayMs: 500 };
  const intrusion: ScenarioStep = { options: { type: "intrusion", targets: [person] }, delayMs: 500 };
  if (ctx.format === "nvr") {
    return [
      { ...plateEvent, delayMs: 0 },
      alarm("intrusion", true, 1500),
      { ...intrusion, delayMs: 100 },
      alarm("intrusion", false, HOLD),
    ];
  }
  return [
    ...trajectSteps(car, 5, 600, 0),
    plateEvent,
    alarm("lpr", true, 100),
    ...trajectSteps(person, 4, 200, 800),
    intrusion,
    alarm("intrusion", true, 100),
    alarm("lpr", false, HOLD),
    alarm("intrusion", false, 500),
  ];
}

/** The most recent 02:00 local time (the filter's time-of-day rules read the event time). */
function lastNight(startUs: number): number {
  const at = new Date(startUs / 1000);
  const night = new Date(at.getFullYear(), at.getMonth(), at.getDate(), 2, 0, 0);
  if (night.getTime() > at.getTime()) night.setDate(night.getDate() - 1);
  return night.getTime() * 1000;
}

function personAtNight(ctx: ScenarioContext, rand: SimRandom): ScenarioStep[] {
  const person: SimTarget = { id: String(rand.int(100, 60000)), type: "person", rect: { x1: 1000, y1: 2000, x2: 2000, y2: 7000 } };
  const intrusion: ScenarioStep = { options: { type: "intrusion", targets: [person] }, delayMs: 500 };
  const steps: ScenarioStep[] = ctx.format === "nvr"
    ? [alarm("intrusion", true, 0), { ...intrusion, delayMs: 100 }, alarm("intrusion", false, HOLD)]
    : [...trajectSteps(person, 4, 300, 0), intrusion, alarm("intrusion", true, 100), ...trajectSteps(person, 3, 300, 500), alarm("intrusion", false, HOLD)];
  // Same spacing as now, but at night: each step's time = night start + elapsed natural time.
  let elapsed = 0;
  const night = lastNight(ctx.startUs);
  return steps.map((step) => {
    elapsed += step.delayMs;
    return { ...step, options: { ...step.options, timeUs: night + elapsed * 1000 } };
  });
}

function mixed(ctx: ScenarioContext): ScenarioStep[] {
  const gap = 200;
  if (ctx.format === "nvr") {
    return [
      { options: { kind: "keepalive" }, delayMs: 0 },
      alarm("regionIntrusion", true, gap),
      { options: { type: "regionIntrusion" }, delayMs: gap },
      { options: { type: "lineCrossing" }, delayMs: gap },
      { options: { type: "vehicle" }, delayMs: gap },
      alarm("videoFaceDetect", true, gap),
      { options: { type: "videoFaceDetect" }, delayMs: gap },
      { options: { type: "videoMetadata" }, delayMs: gap },
      { options: { type: "targetCountingByLine" }, delayMs: gap },
      { options: { type: "targetCountingByArea" }, delayMs: gap },
      alarm("regionIntrusion", false, gap),
      alarm("videoFaceDetect", false, gap),
    ];
  }
  return [
    { options: { kind: "keepalive", keepalive: "envelope" }, delayMs: 0 },
    { options: { kind: "traject" }, delayMs: gap },
    { options: { type: "VEHICE" }, delayMs: gap },
    alarm("VEHICE", true, gap),
    { options: { type: "PEA" }, delayMs: gap },
    { options: { type: "PEA-tripwire" }, delayMs: gap },
    { options: { type: "VFD" }, delayMs: gap },
    { options: { type: "AOIENTRY" }, delayMs: gap },
    { options: { type: "AOILEAVE" }, delayMs: gap },
    { options: { type: "LOITER" }, delayMs: gap },
    { options: { type: "PVD" }, delayMs: gap },
    { options: { type: "VSD" }, delayMs: gap },
    alarm("VEHICE", false, gap),
  ];
}

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

/** The steps of a scenario for one camera (the seed varies ids and plates between cameras). */
export function scenarioSteps(name: string, ctx: ScenarioContext): ScenarioStep[] {
  const rand = new SimRandom(ctx.seed);
  switch (name) {
    case "car-arrives":
      return carArrives(ctx, rand);
    case "person-at-night":
      return personAtNight(ctx, rand);
    case "mixed":
      return mixed(ctx);
    default:
      throw new SimError(`unknown scenario "${name}"; use one of ${SCENARIOS.join(", ")}`);
  }
}

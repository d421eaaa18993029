// A strict validator of the message contract (src/protocol/types.ts, ARCHITECTURE.md "Message
// contract"): every object has only its declared keys with the declared types; fields the camera
// did not send are absent (never undefined, null or ""); numbers are finite; images are JPEG
// Buffers; `extra` is plain JSON; no object carries a foreign prototype or a prototype key.
import { strict as assert } from "node:assert";
import type { Category, ParsedMessage, TargetType } from "../../src/protocol/types";

const CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  "lpr", "face", "intrusion", "lineCrossing", "zoneEntry", "zoneExit", "loitering", "illegalParking", "counting", "metadata", "motion", "other",
]);
const TARGET_TYPES: ReadonlySet<TargetType> = new Set<TargetType>(["person", "car", "motor", "face", "plate", "other"]);
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const YEAR_2000 = Date.UTC(2000, 0, 1);
const ONE_DAY = 86_400_000;

type Check = (value: unknown, path: string) => void;

/** Fails with a message built only on failure (hostile values may not even stringify). */
function expect(ok: boolean, message: () => string): asserts ok {
  if (!ok) assert.fail(message());
}

const str: Check = (v, p) => expect(typeof v === "string" && v.length > 0, () => `${p}: expected a non-empty string, got ${show(v)}`);
const num: Check = (v, p) => expect(typeof v === "number" && Number.isFinite(v), () => `${p}: expected a finite number, got ${show(v)}`);
const bool: Check = (v, p) => expect(typeof v === "boolean", () => `${p}: expected a boolean, got ${show(v)}`);
const oneOf = (set: ReadonlySet<string>): Check => (v, p) => expect(typeof v === "string" && set.has(v), () => `${p}: ${show(v)} not one of ${[...set].join("|")}`);
const literal = (x: string): Check => (v, p) => expect(v === x, () => `${p}: expected ${x}, got ${show(v)}`);

function show(v: unknown): string {
  if (Buffer.isBuffer(v)) return `<Buffer ${v.length}>`;
  let text: string;
  try {
    text = typeof v === "number" || v === undefined ? String(v) : JSON.stringify(v);
  } catch {
    text = Object.prototype.toString.call(v);
  }
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

function plain(v: unknown, p: string): Record<string, unknown> {
  expect(typeof v === "object" && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v), () => `${p}: expected an object, got ${show(v)}`);
  expect(Object.getPrototypeOf(v) === Object.prototype, () => `${p}: foreign prototype`);
  return v as Record<string, unknown>;
}

/** An object with exactly these keys: `required` present, `optional` absent or valid, nothing else. */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v, p) => {
    const obj = plain(v, p);
    for (const key of Reflect.ownKeys(obj)) {
      expect(typeof key === "string", () => `${p}: symbol key`);
      const k = key as string;
      const own = (table: Record<string, Check>): boolean => Object.prototype.hasOwnProperty.call(table, k);
      expect(own(required) || own(optional), () => `${p}.${k}: not in the contract (value ${show(obj[k])})`);
      expect(obj[k] !== undefined, () => `${p}.${k}: present but undefined (absent fields must be absent)`);
    }
    for (const [k, check] of Object.entries(required)) {
      expect(Object.prototype.hasOwnProperty.call(obj, k), () => `${p}.${k}: required, missing`);
      check(obj[k], `${p}.${k}`);
    }
    for (const [k, check] of Object.entries(optional)) if (Object.prototype.hasOwnProperty.call(obj, k)) check(obj[k], `${p}.${k}`);
  };
}

function list(item: Check, nonEmpty = false): Check {
  return (v, p) => {
    expect(Array.isArray(v), () => `${p}: expected an array, got ${show(v)}`);
    expect(Object.getPrototypeOf(v) === Array.prototype, () => `${p}: foreign prototype`);
    if (nonEmpty) expect(v.length > 0, () => `${p}: empty`);
    v.forEach((x, i) => item(x, `${p}[${i}]`));
  };
}

const jpeg: Check = (v, p) => {
  expect(Buffer.isBuffer(v), () => `${p}: expected a Buffer, got ${show(v)}`);
  expect(v.length > 3 && v[0] === 0xff && v[1] === 0xd8 && v[2] === 0xff, () => `${p}: not a JPEG (FF D8 FF)`);
};

/** Plain JSON the camera sent: strings, finite numbers, booleans, arrays and objects, no prototype keys. */
const json: Check = (v, p) => {
  if (typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") return num(v, p);
  if (Array.isArray(v)) {
    expect(Object.getPrototypeOf(v) === Array.prototype, () => `${p}: foreign prototype`);
    return v.forEach((x, i) => json(x, `${p}[${i}]`));
  }
  const obj = plain(v, p);
  for (const key of Reflect.ownKeys(obj)) {
    expect(typeof key === "string" && !UNSAFE_KEYS.has(key), () => `${p}: unsafe key ${String(key)}`);
    json(obj[key], `${p}.${key}`);
  }
};

const rect: Check = (v, p) => {
  shape({ x1: num, y1: num, x2: num, y2: num, units: oneOf(new Set(["normalized", "pixels"])) })(v, p);
  const r = v as { x1: number; y1: number; x2: number; y2: number };
  expect(r.x2 > r.x1 && r.y2 > r.y1, () => `${p}: not top-left to bottom-right: ${JSON.stringify(r)}`);
};
const point = shape({ x: num, y: num });
const target = shape({ id: str, type: oneOf(TARGET_TYPES) }, { rawType: str, rect, status: str, eventId: str, imageWidth: num, imageHeight: num });
const device = shape({}, { name: str, ip: str, mac: str, serial: str, number: str, model: str, channel: num, channelName: str, remoteAddress: str });
const alarm = shape({ alarmType: str, active: bool, category: oneOf(CATEGORIES) }, { id: str });
const size = shape({}, { width: num, height: num, bytes: num });

const EVENT_FIELDS: Record<string, Check> = {
  eventId: str, status: str,
  plate: shape({ number: str }, { group: str, color: str, direction: str, confidence: num, rect, targetId: str, owner: str }),
  vehicle: shape({}, { type: str, color: str, brand: str, model: str }),
  face: shape({}, { age: str, sex: str, glasses: str, mask: str }),
  count: shape({}, { in: num, out: num, total: num }),
  region: shape({ points: list(point, true) }, { id: str, name: str }),
  line: shape({ start: point, end: point }, { id: str, name: str }),
  images: shape({}, { source: jpeg, target: jpeg }),
  imageInfo: shape({}, { source: size, target: size }),
};

export interface ContractOptions {
  /** The `receivedAt` given to the parser: received times must equal it, device times be plausible against it. */
  receivedAt?: number;
  /** The `remoteAddress` given to the parser: must be copied to `device.remoteAddress`. */
  remoteAddress?: string;
}

/** Throws an AssertionError naming the first field that breaks the contract. */
export function assertContract(payload: unknown, options: ContractOptions = {}, where = "payload"): asserts payload is ParsedMessage {
  const base: Record<string, Check> = {
    format: oneOf(new Set(["ipc-v1", "nvr-v2"])), device, time: str, timestamp: num,
    timeSource: oneOf(new Set(["device", "deviceLocal", "received"])),
  };
  const baseOptional: Record<string, Check> = { protocolVersion: str, extra: (v, p) => { plain(v, p); json(v, p); } };
  const kind = plain(payload, where).kind;
  const byKind: Record<string, Check> = {
    keepalive: shape({ kind: literal("keepalive"), ...base }, baseOptional),
    event: shape({ kind: literal("event"), ...base, smartType: str, category: oneOf(CATEGORIES), targets: list(target) }, { ...baseOptional, ...EVENT_FIELDS }),
    alarmStatus: shape(
      { kind: literal("alarmStatus"), ...base, category: oneOf(CATEGORIES), alarmType: str, active: bool, alarms: list(alarm, true) },
      baseOptional,
    ),
    traject: shape({ kind: literal("traject"), ...base, category: literal("traject"), targets: list(target) }, baseOptional),
  };
  expect(typeof kind === "string" && Object.prototype.hasOwnProperty.call(byKind, kind), () => `${where}.kind: ${show(kind)} is no parser kind`);
  byKind[kind](payload, where);

  const p = payload as ParsedMessage;
  assert.equal(new Date(p.timestamp).toISOString(), p.time, `${where}.time does not denote timestamp`);
  if (options.receivedAt !== undefined) {
    if (p.timeSource === "received") assert.equal(p.timestamp, options.receivedAt, `${where}.timestamp: received time expected`);
    else expect(p.timestamp >= YEAR_2000 && p.timestamp <= options.receivedAt + ONE_DAY, () => `${where}.timestamp ${p.time} is implausible`);
  }
  if (options.remoteAddress !== undefined) assert.equal(p.device.remoteAddress, options.remoteAddress, `${where}.device.remoteAddress`);
  if (p.kind === "alarmStatus") {
    const first = p.alarms[0];
    assert.deepEqual([p.alarmType, p.active, p.category], [first.alarmType, first.active, first.category], `${where}: not the first alarm`);
  }
  assert.doesNotThrow(() => JSON.stringify(p), `${where} is not JSON-serialisable`);
}

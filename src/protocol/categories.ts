// smartType, alarm-name and target-type tables (PROTOCOL.md sections 2.6, 3, 4.1).
import { memoize } from "./memo";
import type { Category, TargetType } from "./types";

// Keys lower-case: smartTypes are matched case-insensitively.
const SMART_TYPES: Record<string, Category> = {
  // IPC codes
  vehice: "lpr",
  vehicle: "lpr", // also the NVR word
  pea: "intrusion", // refined by block: tripwire -> lineCrossing
  tripwire: "lineCrossing",
  vfd: "face",
  vfd_match: "face",
  aoientry: "zoneEntry",
  aoileave: "zoneExit",
  loiter: "loitering",
  pvd: "illegalParking",
  passlinecount: "counting",
  traffic: "counting",
  cpc: "counting",
  vsd: "metadata",
  motion: "motion",
  ipd: "intrusion",
  // NVR words
  regionintrusion: "intrusion",
  linecrossing: "lineCrossing",
  videofacedetect: "face",
  videometadata: "metadata",
  targetcountingbyline: "counting",
  targetcountingbyarea: "counting",
};

/** Own keys only: a smartType of "constructor" must not find Object's members. */
function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  const k = key.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;
}

/**
 * `lookup` memoised per raw value: every post repeats the same few smartTypes and target types,
 * and trimming and lower-casing them each time was most of the cost.
 */
function remembered<T>(table: Record<string, T>): (key: string) => T | undefined {
  return memoize((key) => lookup(table, key));
}

/** Normalized category of a raw smartType; unknown types (SENSOR, AVD, FIRE, ...) are "other". */
export function categoryOf(smartType: string): Category {
  return smartTypeCategory(smartType) ?? "other";
}

const smartTypeCategory = remembered(SMART_TYPES);

const ALARM_NAMES: Record<string, Category> = {
  vehicealarm: "lpr",
  vehiclealarm: "lpr",
  perimeteralarm: "intrusion",
  tripwirealarm: "lineCrossing",
  vfdalarm: "face",
  passlinealarm: "counting",
  aoientryalarm: "zoneEntry",
  aoileavealarm: "zoneExit",
  motionalarm: "motion",
  cpcalarm: "counting",
  ipdalarm: "intrusion",
  loiteralarm: "loitering",
  pvdalarm: "illegalParking",
};

/** Category of an alarm-status name (`perimeterAlarm`, `VFDAlarm`, ...). */
export function alarmCategoryOf(alarmName: string): Category {
  return lookup(ALARM_NAMES, alarmName) ?? "other";
}

const TARGET_TYPES: Record<string, TargetType> = {
  "1": "person",
  "2": "car",
  "4": "motor",
  person: "person",
  human: "person",
  car: "car",
  vehicle: "car",
  motor: "motor",
  bike: "motor",
  motorcycle: "motor",
  face: "face",
  plate: "plate",
};

/** Numeric (older IPC) or word target types; anything else is "other". */
export function targetTypeOf(raw: string): TargetType {
  return targetType(raw) ?? "other";
}

const targetType = remembered(TARGET_TYPES);

// The event types the generator can write, per format: wire smartType, category, body layout,
// alarm-status name and the usual target (PROTOCOL.md 2.6, 3.1, 3.2).
import type { Category } from "../protocol/types";
import { SimError, type SimFormat, type SimTargetType } from "./sim-types";

/** IPC layouts: plate list, perimeter/perInfo, tripwire/tripInfo, crops in listInfo, vsd block. */
export type IpcLayout = "plate" | "perimeter" | "tripwire" | "list" | "vsd";
/** NVR layouts: eventInfo area or line (+ targetListInfo), licensePlateListInfo, faceListInfo. */
export type NvrLayout = "area" | "line" | "count-line" | "full-frame" | "plate" | "face";

export interface EventType {
  /** The name callers use (`PEA-tripwire` is smartType PEA with a tripwire block). */
  name: string;
  format: SimFormat;
  smartType: string;
  category: Category;
  layout: IpcLayout | NvrLayout;
  /** Alarm-status element for this type; none where the devices send none. */
  alarm?: string;
  target: SimTargetType;
}

const t = (
  format: SimFormat, name: string, smartType: string, category: Category,
  layout: IpcLayout | NvrLayout, target: SimTargetType, alarm?: string,
): EventType => (alarm === undefined ? { name, format, smartType, category, layout, target } : { name, format, smartType, category, layout, target, alarm });

/** In order of preference per category (the first of a category is its default). */
export const EVENT_TYPES: readonly EventType[] = [
  t("ipc", "VEHICE", "VEHICE", "lpr", "plate", "car", "vehiceAlarm"),
  t("ipc", "PEA", "PEA", "intrusion", "perimeter", "person", "perimeterAlarm"),
  t("ipc", "PEA-tripwire", "PEA", "lineCrossing", "tripwire", "person", "tripwireAlarm"),
  t("ipc", "VFD", "VFD", "face", "list", "person", "VFDAlarm"),
  t("ipc", "AOIENTRY", "AOIENTRY", "zoneEntry", "list", "person", "aoiEntryAlarm"),
  t("ipc", "AOILEAVE", "AOILEAVE", "zoneExit", "list", "person", "aoiLeaveAlarm"),
  t("ipc", "LOITER", "LOITER", "loitering", "perimeter", "person"),
  t("ipc", "PVD", "PVD", "illegalParking", "perimeter", "car"),
  t("ipc", "VSD", "VSD", "metadata", "vsd", "person"),
  t("nvr", "vehicle", "vehicle", "lpr", "plate", "car"),
  t("nvr", "regionIntrusion", "regionIntrusion", "intrusion", "area", "person", "perimeterAlarm"),
  t("nvr", "lineCrossing", "lineCrossing", "lineCrossing", "line", "person", "perimeterAlarm"),
  t("nvr", "videoFaceDetect", "videoFaceDetect", "face", "face", "person", "vfdAlarm"),
  t("nvr", "videoMetadata", "videoMetadata", "metadata", "full-frame", "person"),
  t("nvr", "targetCountingByLine", "targetCountingByLine", "counting", "count-line", "person", "passlineAlarm"),
  t("nvr", "targetCountingByArea", "targetCountingByArea", "counting", "area", "person", "passlineAlarm"),
];

const ALIASES: Record<string, string> = {
  "pea-perimeter": "PEA",
  perimeter: "PEA",
  "pea-tripwire": "PEA-tripwire",
  "pea:tripwire": "PEA-tripwire",
  tripwire: "PEA-tripwire",
};

const CATEGORIES: readonly Category[] = [
  "lpr", "face", "intrusion", "lineCrossing", "zoneEntry", "zoneExit", "loitering", "illegalParking",
  "counting", "metadata",
];

function byName(format: SimFormat | undefined, name: string): EventType | undefined {
  const key = (ALIASES[name.toLowerCase()] ?? name).toLowerCase();
  return EVENT_TYPES.find((type) => (format === undefined || type.format === format) && type.name.toLowerCase() === key);
}

/** Every name `resolveEventType` accepts for a format (for usage and error texts). */
export function eventTypeNames(format: SimFormat): string[] {
  return EVENT_TYPES.filter((type) => type.format === format).map((type) => type.name);
}

/** The format a type name implies when the caller gave none: NVR words give nvr, all else ipc. */
export function formatOfType(name: string | undefined): SimFormat {
  if (name === undefined) return "ipc";
  return byName("ipc", name) === undefined && byName("nvr", name) !== undefined ? "nvr" : "ipc";
}

/**
 * A type by name for a format: its own name, an alias, the other format's twin (same category),
 * or a category. Throws SimError for names that fit nothing.
 */
export function resolveEventType(format: SimFormat, name?: string): EventType {
  const wanted = name ?? (format === "ipc" ? "VEHICE" : "vehicle");
  const own = byName(format, wanted);
  if (own) return own;
  const twin = byName(undefined, wanted);
  const category = twin?.category ?? CATEGORIES.find((c) => c.toLowerCase() === wanted.toLowerCase());
  const match = category && EVENT_TYPES.find((type) => type.format === format && type.category === category);
  if (match) return match;
  throw new SimError(
    `unknown event type "${wanted}" for the ${format} format; use one of ${eventTypeNames(format).join(", ")} or a category (${CATEGORIES.join(", ")})`,
  );
}

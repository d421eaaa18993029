// viewtron-filter rules: conditions ANDed within a rule, rules ORed. Pure, no Node-RED.
import type { Category, MessageKind, TargetType } from "../protocol/types";

/** A rule as stored in the flow (`rules` property of viewtron-filter). Empty fields are "any". */
export interface RuleConfig {
  kinds?: MessageKind[];
  categories?: Array<Category | "traject">;
  /** Raw smartTypes, comma separated, case-insensitive. */
  smartTypes?: string;
  targetTypes?: TargetType[];
  /** Device names, addresses, MACs, serials or channel numbers, comma separated. */
  device?: string;
  /** Plates: comma/newline separated, `*` and `?` wildcards, or `/regex/flags`. */
  plates?: string;
  /** Plate groups / list types, comma separated, case-insensitive. */
  plateGroups?: string;
  alarmState?: "any" | "on" | "off";
  /** Local time of day "HH:MM"; a window may wrap midnight (22:00 -> 06:00). */
  timeFrom?: string;
  timeTo?: string;
}

/** The message fields rules look at: any msg.payload of our contract (checked loosely). */
export interface FilterSubject {
  kind?: unknown;
  category?: unknown;
  smartType?: unknown;
  targets?: unknown;
  device?: unknown;
  plate?: unknown;
  active?: unknown;
  timestamp?: unknown;
}

export type Predicate = (payload: FilterSubject, now: number) => boolean;

export class RuleError extends Error {}

const KINDS = new Set(["event", "alarmStatus", "traject", "connection", "keepalive"]);

/** True when `payload` is a message of our contract (the filter passes anything else on). */
export function isViewtronPayload(payload: unknown): payload is FilterSubject {
  return typeof payload === "object" && payload !== null && KINDS.has((payload as FilterSubject).kind as string);
}

/** Upper-case letters and digits only: `AB-12 3` and `ab123` are the same plate to a user. */
export function normalizePlate(plate: string): string {
  return plate.toUpperCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function normalizeMac(mac: string): string {
  return mac.toLowerCase().replace(/[^0-9a-f]/g, "");
}

function list(text: string | undefined): string[] {
  return (text ?? "").split(/[,\n]/).map((s) => s.trim()).filter((s) => s.length > 0);
}

function stringField(obj: unknown, key: string): string | undefined {
  if (typeof obj !== "object" || obj === null) return undefined;
  const value = (obj as Record<string, unknown>)[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** A plate pattern -> test on the raw number. Wildcards compare normalized plates. */
function platePattern(entry: string): (plate: string) => boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
  if (regex) {
    let re: RegExp;
    try {
      re = new RegExp(regex[1], regex[2].replace(/[gy]/g, ""));
    } catch (err) {
      throw new RuleError(`invalid plate expression ${entry}: ${(err as Error).message}`);
    }
    return (plate) => re.test(plate) || re.test(normalizePlate(plate));
  }
  const wanted = entry.split(/([*?])/).map((part) =>
    part === "*" ? ".*" : part === "?" ? "." : normalizePlate(part).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
  );
  const re = new RegExp(`^${wanted.join("")}$`, "u");
  return (plate) => re.test(normalizePlate(plate));
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new RuleError(`invalid time "${hhmm}" (use HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Compiles one rule; throws RuleError for a pattern or time that cannot work. */
export function compileRule(rule: RuleConfig): Predicate {
  const checks: Predicate[] = [];

  if (rule.kinds && rule.kinds.length > 0) {
    const kinds = new Set<string>(rule.kinds);
    checks.push((p) => kinds.has(p.kind as string));
  }
  if (rule.categories && rule.categories.length > 0) {
    const categories = new Set<string>(rule.categories);
    checks.push((p) => categories.has(p.category as string));
  }
  const smartTypes = new Set(list(rule.smartTypes).map((s) => s.toLowerCase()));
  if (smartTypes.size > 0) {
    checks.push((p) => typeof p.smartType === "string" && smartTypes.has(p.smartType.toLowerCase()));
  }
  if (rule.targetTypes && rule.targetTypes.length > 0) {
    const types = new Set<string>(rule.targetTypes);
    checks.push((p) => Array.isArray(p.targets) && p.targets.some((t) => types.has(stringField(t, "type") ?? "")));
  }
  const devices = list(rule.device);
  if (devices.length > 0) {
    checks.push((p) => devices.some((wanted) => deviceMatches(p.device, wanted)));
  }
  const plates = list(rule.plates).map(platePattern);
  if (plates.length > 0) {
    checks.push((p) => {
      const number = stringField(p.plate, "number");
      return number !== undefined && number !== "" && plates.some((test) => test(number));
    });
  }
  const groups = new Set(list(rule.plateGroups).map((g) => g.toLowerCase()));
  if (groups.size > 0) {
    checks.push((p) => groups.has((stringField(p.plate, "group") ?? "").toLowerCase()));
  }
  if (rule.alarmState === "on" || rule.alarmState === "off") {
    const wanted = rule.alarmState === "on";
    checks.push((p) => p.kind === "alarmStatus" && p.active === wanted);
  }
  if (rule.timeFrom || rule.timeTo) {
    const from = minutesOf(rule.timeFrom || "00:00");
    const to = minutesOf(rule.timeTo || "24:00");
    checks.push((p, now) => {
      const at = new Date(typeof p.timestamp === "number" ? p.timestamp : now);
      const minute = at.getHours() * 60 + at.getMinutes();
      return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
    });
  }
  return (payload, now) => checks.every((check) => check(payload, now));
}

function deviceMatches(device: unknown, wanted: string): boolean {
  const lower = wanted.toLowerCase();
  for (const key of ["name", "ip", "serial", "remoteAddress", "channelName"]) {
    if ((stringField(device, key) ?? "").toLowerCase() === lower) return true;
  }
  const mac = stringField(device, "mac");
  if (mac && normalizeMac(wanted).length === 12 && normalizeMac(mac) === normalizeMac(wanted)) return true;
  // "3" or "channel 3" / "ch3" picks an NVR channel.
  const channel = /^(?:channel|ch)?\s*(\d+)$/i.exec(wanted);
  return channel !== null && stringField(device, "channel") === channel[1];
}

/** Compiles all rules into one predicate (ORed; no rules = match every message of ours). */
export function compileRules(rules: RuleConfig[]): Predicate {
  const compiled = rules.map(compileRule);
  if (compiled.length === 0) return () => true;
  return (payload, now) => compiled.some((rule) => rule(payload, now));
}

// "The same plate / target / device+category within N seconds passes once": cameras re-send
// the same detection many times a second, which would flood relays and phones.
import { normalizePlate, type FilterSubject } from "./rules";

export type DedupeMode = "none" | "plate" | "target" | "device-category";

function field(obj: unknown, key: string): string {
  if (typeof obj !== "object" || obj === null) return "";
  const value = (obj as Record<string, unknown>)[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function deviceKey(device: unknown): string {
  const id = field(device, "mac") || field(device, "serial") || field(device, "name") || field(device, "ip") ||
    field(device, "remoteAddress");
  return `${id}#${field(device, "channel")}`;
}

/** The de-duplication key of a payload, or undefined when it has none (it then always passes). */
export function dedupeKey(mode: DedupeMode, p: FilterSubject): string | undefined {
  switch (mode) {
    case "plate": {
      const plate = normalizePlate(field(p.plate, "number"));
      return plate ? `plate:${plate}` : undefined;
    }
    case "target": {
      const first = Array.isArray(p.targets) ? p.targets[0] : undefined;
      const id = field(first, "id");
      return id ? `target:${deviceKey(p.device)}:${id}` : undefined;
    }
    case "device-category":
      return `dc:${deviceKey(p.device)}:${field(p, "category") || field(p, "kind")}`;
    default:
      return undefined;
  }
}

/** Remembers when each key last passed; forgets keys once their window is over. */
export class Deduper {
  private readonly lastPassed = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** True if a message with `key` may pass at `now` (and records it). */
  pass(key: string | undefined, now: number): boolean {
    if (key === undefined || this.windowMs <= 0) return true;
    const last = this.lastPassed.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.lastPassed.set(key, now);
    if (this.lastPassed.size > 1000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, at] of this.lastPassed) if (now - at >= this.windowMs) this.lastPassed.delete(key);
  }

  get size(): number {
    return this.lastPassed.size;
  }
}

// Building flow messages of the contract (ARCHITECTURE.md "Message contract") from deliveries.
import type { ConnectionPayload, ParsedMessage } from "../protocol/types";
import type { ConnectionChange, Delivery, TrackedDevice } from "../server";

/** The device part of a connection topic: configured name, else the name the device sent, else its address. */
export function deviceLabel(configName: string, device: TrackedDevice): string {
  return cleanLabel(configName || device.identity.name || device.remoteAddress);
}

/** A topic level: never empty, and a slash would add a level. */
export function cleanLabel(label: string | undefined): string {
  return (label || "unknown").replace(/\//g, "_");
}

export function topic(label: string, category: string): string {
  return `viewtron/${label}/${category}`;
}

/** The message's topic category: its own for events and alarm status, else the kind. */
export function topicCategory(message: ParsedMessage): string {
  return message.kind === "event" || message.kind === "alarmStatus" ? message.category : message.kind;
}

/**
 * A shallow copy per node, so one flow editing top-level fields does not change what another
 * viewtron-in sends; images dropped when the node does not want them.
 */
export function payloadFor(message: ParsedMessage, images: boolean): ParsedMessage {
  if (message.kind === "event" && message.images !== undefined && !images) {
    const { images: _dropped, ...rest } = message;
    return rest;
  }
  return { ...message };
}

export function connectionPayload(change: ConnectionChange): ConnectionPayload {
  const { device } = change;
  const payload: ConnectionPayload = {
    kind: "connection",
    state: change.state,
    device: { ...device.identity, remoteAddress: device.remoteAddress },
    time: new Date(change.at).toISOString(),
    timestamp: change.at,
    lastSeen: new Date(device.lastSeen).toISOString(),
    posts: device.posts,
  };
  if (device.intervalMs !== undefined) payload.interval = Math.round(device.intervalMs / 100) / 10;
  return payload;
}

const LABELS: Record<string, string> = { lpr: "LPR", lineCrossing: "line crossing", zoneEntry: "zone entry", zoneExit: "zone exit", illegalParking: "illegal parking" };

/** Short text for the status line: `LPR ABC123`, `intrusion`, `face alarm on`. */
export function summary(message: ParsedMessage): string {
  if (message.kind === "event") {
    const label = LABELS[message.category] ?? message.category;
    return message.plate ? `${label} ${message.plate.number}` : label;
  }
  if (message.kind === "alarmStatus") {
    return `${LABELS[message.category] ?? message.category} ${message.active ? "on" : "off"}`;
  }
  return message.kind;
}

/** Local wall-clock time `12:03:04`. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/**
 * Topics of one node's posts: the device label and category repeat, so the cleaned topic string is
 * kept per category for the current label (a new label starts over).
 */
export class TopicCache {
  private label: string | undefined;
  private readonly byCategory = new Map<string, string>();

  get(rawLabel: string, category: string): string {
    if (rawLabel !== this.label) {
      this.label = rawLabel;
      this.byCategory.clear();
    }
    let cached = this.byCategory.get(category);
    if (cached === undefined) {
      cached = topic(cleanLabel(rawLabel), category);
      this.byCategory.set(category, cached);
    }
    return cached;
  }
}

// Message ids in Node-RED's form (16 hex digits), unique per process: a random start, then a
// counter. Node-RED would otherwise make one per message from eight Math.random() calls, and
// toString(16) is itself a slow runtime call: the counter is spelled from a byte table.
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const ID_PREFIX = Array.from({ length: 4 }, () => HEX[Math.floor(Math.random() * 256)]).join("");
let idCounter = Math.floor(Math.random() * 0x100000000);

export function messageId(): string {
  idCounter = (idCounter + 1) >>> 0;
  const c = idCounter;
  return ID_PREFIX + HEX[c >>> 24] + HEX[(c >>> 16) & 255] + HEX[(c >>> 8) & 255] + HEX[c & 255];
}

/**
 * Topic device of a post: only what this post says (or the address), never a name learned from an
 * earlier post, since several devices can share one address (cameras behind an NVR).
 */
export function deliveryLabel(configName: string, delivery: Delivery): string {
  return cleanLabel(rawDeliveryLabel(configName, delivery));
}

/** deliveryLabel before cleaning (the key of TopicCache). */
export function rawDeliveryLabel(configName: string, delivery: Delivery): string {
  return configName || delivery.message.device.name || delivery.remoteAddress;
}

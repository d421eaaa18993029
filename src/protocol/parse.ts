// One webhook body -> one typed payload of the message contract (or a ViewtronParseError).
// Classification follows PROTOCOL.md 2.2: on parsed structure, never on substrings.
import { readDocument } from "./xml";
import { attr, child, type XmlEl } from "./xml-el";
import { str, type Ctx } from "./read";
import { ViewtronParseError } from "./errors";
import { categoryOf } from "./categories";
import { eventTime, receivedTime } from "./time";
import { readDevice, IDENTITY_NAMES } from "./device";
import { readIpcEvent, refineIpcCategory, IPC_EVENT_NAMES } from "./ipc-event";
import type { EventBody } from "./event-parts";
import { readNvrEvent, NVR_EVENT_NAMES } from "./nvr-event";
import { readAlarms } from "./alarm-status";
import { readTraject } from "./traject";
import { leftovers } from "./extra";
import { memoize } from "./memo";
import type {
  AlarmStatusPayload, EventPayload, ParsedMessage, ParseOptions, PayloadBase, TrajectPayload, ViewtronFormat,
} from "./types";

type Kind = "keepalive" | "alarmStatus" | "event" | "traject";

// Envelope elements every kind reads or deliberately ignores (`types` are enum declarations,
// `subscribeRelation`/`subscribeOption` the subscription mode).
const ENVELOPE_NAMES = ["messageType", "smartType", "currentTime", "dataTime", "types", "subscribeRelation", "subscribeOption"];
const IDENTITY_ONLY = new Set([...IDENTITY_NAMES, ...ENVELOPE_NAMES]);
const CONSUMED: Record<Kind, ReadonlySet<string>> = {
  keepalive: IDENTITY_ONLY,
  alarmStatus: new Set([...IDENTITY_ONLY, "alarmStatusInfo"]),
  traject: new Set([...IDENTITY_ONLY, "traject"]),
  event: new Set([...IDENTITY_ONLY, ...IPC_EVENT_NAMES, ...NVR_EVENT_NAMES]),
};
const NVR_LAYOUT = ["eventInfo", "targetListInfo", "licensePlateListInfo", "faceListInfo"];

function toMs(value: Date | number | undefined): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === "number" && Number.isFinite(value) ? value : Date.now();
}

/**
 * Parses one camera / NVR POST body. Heartbeats (an empty body included) parse to
 * `{ kind: "keepalive" }`; anything that is not a webhook throws `ViewtronParseError`.
 */
export function parseMessage(body: string | Buffer, options: ParseOptions = {}): ParsedMessage {
  const receivedAt = toMs(options.receivedAt);
  const root = readDocument(body);
  if (root === undefined) {
    const device = options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress };
    return { kind: "keepalive", format: "ipc-v1", device, ...receivedTime(receivedAt) };
  }
  const ctx: Ctx = { images: options.images !== false, receivedAt };
  const rootName = root.name.toLowerCase();

  if (rootName === "deviceinfo") return finish(envelope("keepalive", ctx, root, "ipc-v1", options), leftovers(root, IDENTITY_ONLY));
  if (rootName !== "config") {
    throw new ViewtronParseError("unknown-document", `unexpected root element <${root.name}>`);
  }
  if (attr(root, "status") !== undefined || attr(root, "errorCode") !== undefined) {
    throw new ViewtronParseError("unknown-document", "a configuration-API reply, not a webhook");
  }
  const version = attr(root, "version");
  const format: ViewtronFormat = version !== undefined && majorVersion(version) >= 2 ? "nvr-v2" : "ipc-v1";
  const kind = classify(root);
  const extra = leftovers(root, CONSUMED[kind]);

  switch (kind) {
    case "keepalive":
      return finish(envelope(kind, ctx, root, format, options), extra);
    case "alarmStatus": {
      const info = child(root, "alarmStatusInfo");
      const alarms = info === undefined ? [] : readAlarms(info);
      if (alarms.length === 0) throw new ViewtronParseError("unknown-document", "alarm status without any alarm");
      const first = alarms[0];
      const payload: AlarmStatusPayload = Object.assign(envelope(kind, ctx, root, format, options), {
        category: first.category, alarmType: first.alarmType, active: first.active, alarms,
      });
      return finish(payload, extra);
    }
    case "traject": {
      const payload: TrajectPayload = Object.assign(envelope(kind, ctx, root, format, options), {
        category: "traject" as const, targets: readTraject(child(root, "traject")),
      });
      return finish(payload, extra);
    }
    case "event":
      return readEvent(ctx, root, envelope(kind, ctx, root, format, options), extra);
  }
}

/** parseInt of a version attribute, memoised: devices send one or two values. */
const majorVersion = memoize((version: string): number => Number.parseInt(version, 10), 64);

function classify(root: XmlEl): Kind {
  const messageType = str(child(root, "messageType"))?.toLowerCase();
  if (messageType !== undefined) {
    if (messageType === "keepalive" || messageType === "heartbeat") return "keepalive";
    if (messageType === "alarmstatus") return "alarmStatus";
    if (messageType === "alarmdata") return "event";
    throw new ViewtronParseError("unknown-document", `unknown messageType "${messageType}"`);
  }
  if (child(root, "alarmStatusInfo") !== undefined) return "alarmStatus";
  if (child(root, "traject") !== undefined) return "traject";
  if (child(root, "smartType") !== undefined) return "event";
  for (let c = root.first; c !== undefined; c = c.next) {
    if (!IDENTITY_ONLY.has(c.name)) throw new ViewtronParseError("unknown-document", "not a Viewtron webhook message");
  }
  return "keepalive";
}

/** The fields every kind has, in contract order. */
function envelope<K extends Kind>(kind: K, ctx: Ctx, root: XmlEl, format: ViewtronFormat, options: ParseOptions): PayloadBase & { kind: K } {
  const version = attr(root, "version");
  const device = readDevice(root, options.remoteAddress);
  const { time, timestamp, timeSource } = eventTime(str(child(root, "currentTime")), str(child(root, "dataTime")), ctx.receivedAt);
  // version="" was not sent: absent, never "".
  return version
    ? { kind, format, protocolVersion: version, device, time, timestamp, timeSource }
    : { kind, format, device, time, timestamp, timeSource };
}

function readEvent(ctx: Ctx, root: XmlEl, base: PayloadBase & { kind: "event" }, extra: PayloadBase["extra"]): EventPayload {
  const smartType = str(child(root, "smartType")) ?? "unknown";
  const nvrLayout = NVR_LAYOUT.some((name) => child(root, name) !== undefined);
  const body = nvrLayout ? readNvrEvent(ctx, root) : readIpcEvent(ctx, root);
  const category = refineIpcCategory(smartType, categoryOf(smartType), root);
  const payload: EventPayload = Object.assign(base, { smartType, category, targets: body.targets });
  // The layout's fields in the order it found them; `extraParts` goes into `extra`.
  for (const key of Object.keys(body) as Array<keyof EventBody>) {
    if (key !== "extraParts" && key !== "targets" && body[key] !== undefined) copyField(payload, body, key);
  }
  const parts = body.extraParts;
  // Both are fresh objects of this parse: merged in place, the layout's parts last.
  return finish(payload, parts === undefined ? extra : extra === undefined ? parts : Object.assign(extra, parts));
}

function copyField<K extends keyof EventPayload>(to: EventPayload, from: Pick<EventPayload, K>, key: K): void {
  to[key] = from[key];
}

/** Adds `extra` when there is any. Fields the camera did not send are absent, never undefined. */
function finish<T extends ParsedMessage>(payload: T, extra: PayloadBase["extra"]): T {
  if (extra !== undefined && !isEmpty(extra)) payload.extra = extra;
  return payload;
}

function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}

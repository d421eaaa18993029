// One webhook body -> one typed payload of the message contract (or a ViewtronParseError).
// Classification follows PROTOCOL.md 2.2: on parsed structure, never on substrings.
import { bodyText, isBlank, parseXml, attr, child, childNames, type XmlElement } from "./xml";
import { str, type Ctx } from "./read";
import { ViewtronParseError } from "./errors";
import { categoryOf } from "./categories";
import { eventTime, receivedTime } from "./time";
import { readDevice, IDENTITY_NAMES } from "./device";
import { readIpcEvent, refineIpcCategory, IPC_EVENT_NAMES } from "./ipc-event";
import { readNvrEvent, NVR_EVENT_NAMES } from "./nvr-event";
import { readAlarms } from "./alarm-status";
import { readTraject } from "./traject";
import { leftovers } from "./extra";
import type {
  AlarmStatusPayload, EventPayload, KeepalivePayload, ParsedMessage, ParseOptions, PayloadBase,
  TrajectPayload, ViewtronFormat,
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
  const text = bodyText(body);
  if (isBlank(text)) {
    const device = options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress };
    return { kind: "keepalive", format: "ipc-v1", device, ...receivedTime(receivedAt) };
  }
  const doc = parseXml(text);
  const ctx: Ctx = { images: options.images !== false, receivedAt };
  const root = doc.root;
  const rootName = doc.rootName.toLowerCase();

  if (rootName === "deviceinfo") {
    const payload: KeepalivePayload = { kind: "keepalive", ...envelope(ctx, root, "ipc-v1", options) };
    return withExtra(payload, leftovers(root, IDENTITY_ONLY));
  }
  if (rootName !== "config") {
    throw new ViewtronParseError("unknown-document", `unexpected root element <${doc.rootName}>`);
  }
  if (attr(root, "status") !== undefined || attr(root, "errorCode") !== undefined) {
    throw new ViewtronParseError("unknown-document", "a configuration-API reply, not a webhook");
  }
  const version = attr(root, "version");
  const format: ViewtronFormat = version !== undefined && Number.parseInt(version, 10) >= 2 ? "nvr-v2" : "ipc-v1";
  const kind = classify(root);
  const base = envelope(ctx, root, format, options);
  const extra = leftovers(root, CONSUMED[kind]);

  switch (kind) {
    case "keepalive":
      return withExtra({ kind, ...base } satisfies KeepalivePayload, extra);
    case "alarmStatus": {
      const info = child(root, "alarmStatusInfo");
      const alarms = typeof info === "object" ? readAlarms(info) : [];
      if (alarms.length === 0) throw new ViewtronParseError("unknown-document", "alarm status without any alarm");
      const first = alarms[0];
      const payload: AlarmStatusPayload = {
        kind, ...base, category: first.category, alarmType: first.alarmType, active: first.active, alarms,
      };
      return withExtra(payload, extra);
    }
    case "traject": {
      const payload: TrajectPayload = { kind, ...base, category: "traject", targets: readTraject(child(root, "traject")) };
      return withExtra(payload, extra);
    }
    case "event":
      return readEvent(ctx, root, base, extra);
  }
}

function classify(root: XmlElement): Kind {
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
  if (childNames(root).every((name) => IDENTITY_ONLY.has(name))) return "keepalive";
  throw new ViewtronParseError("unknown-document", "not a Viewtron webhook message");
}

function envelope(ctx: Ctx, root: XmlElement, format: ViewtronFormat, options: ParseOptions): Omit<PayloadBase, "kind"> {
  const version = attr(root, "version");
  return {
    format,
    ...(version ? { protocolVersion: version } : {}), // version="" was not sent: absent, never ""
    device: readDevice(root, options.remoteAddress),
    ...eventTime(str(child(root, "currentTime")), str(child(root, "dataTime")), ctx.receivedAt),
  };
}

function readEvent(
  ctx: Ctx, root: XmlElement, base: Omit<PayloadBase, "kind">, extra: PayloadBase["extra"],
): EventPayload {
  const smartType = str(child(root, "smartType")) ?? "unknown";
  const nvrLayout = NVR_LAYOUT.some((name) => child(root, name) !== undefined);
  const { extraParts, ...body } = nvrLayout ? readNvrEvent(ctx, root) : readIpcEvent(ctx, root);
  const category = refineIpcCategory(smartType, categoryOf(smartType), root);
  const payload: EventPayload = { kind: "event", ...base, smartType, category, ...body };
  return withExtra(payload, { ...extra, ...extraParts });
}

function withExtra<T extends ParsedMessage>(payload: T, extra: PayloadBase["extra"]): T {
  // Fields the camera did not send are absent, not present-and-undefined.
  for (const key of Object.keys(payload) as Array<keyof T>) if (payload[key] === undefined) delete payload[key];
  if (extra && Object.keys(extra).length > 0) payload.extra = extra;
  return payload;
}

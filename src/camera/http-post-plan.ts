// Read-modify-write planning for SetHttpPostConfig (PROTOCOL.md 6.3): pure, so the editor can
// show "camera now" next to "we would write" before anything is sent.
import { at, items, isElement, type XmlElement } from "../protocol/xml";
import { readHttpPostConfig, type HttpPostConfig, type HttpPostSlot, type HttpPostV1 } from "./http-post-config";
import { configDocument, writeElement, cdata } from "./xml-write";
import { clone, ensureElement, setList, setText } from "./xml-edit";

export const DATA_TYPES = ["smartData", "alarmStatus", "traject", "sourceImage", "targetImage"] as const;
export type DataType = (typeof DATA_TYPES)[number];
/** Events and images without the traject stream (7 posts/s per target: only on request). */
export const DEFAULT_DATA_TYPES: readonly DataType[] = ["smartData", "alarmStatus", "sourceImage", "targetImage"];
export const DEFAULT_HEARTBEAT_SECONDS = 60;

export interface HttpPostWanted {
  /** Node-RED's address as the camera reaches it (IP or host name). */
  domain: string;
  port: number;
  /** Listener path, e.g. "/API". */
  path: string;
  protocol?: "http" | "https";
  /** Heartbeat interval, 30-120 s. Default 60. */
  heartbeatSeconds?: number;
  dataTypes?: readonly DataType[];
  /** Subscribed events; default ["ALL"]. */
  events?: readonly string[];
  /** `apiVersion` from GetDeviceInfo: a 2.x camera gets its own version in the request. */
  apiVersion?: string;
  /** v1 cameras have one target: allow replacing it when it points at another server. */
  replaceV1?: boolean;
}

/** One field, before vs after, as display strings (lists sorted and comma-joined). */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** What a slot (or the v1 target) serves, for the editor's table. */
export interface SlotSummary {
  urlId: number;
  enabled: boolean;
  /** `domain:port/path`, "" when empty. */
  target: string;
  ours: boolean;
}

export type SlotAction = "reuse" | "empty" | "new" | "disabled" | "replace";

interface PlanBase {
  /** Which element is written: `httpPostV2` when the camera has it, else `httpPost`. */
  element: "httpPost" | "httpPostV2";
  slots: SlotSummary[];
}
export interface PlanReady extends PlanBase {
  ok: true;
  /** The slot written (1 for v1). */
  urlId: number;
  action: SlotAction;
  changes: FieldChange[];
  /** False when the camera already has exactly these settings. */
  changed: boolean;
  /** `<config version>` of the request. */
  version: string;
  /** The SetHttpPostConfig request body. */
  body: string;
}
export interface PlanRefused extends PlanBase {
  ok: false;
  reason: string;
}
export type HttpPostPlan = PlanReady | PlanRefused;

interface Target {
  domain: string;
  port: number;
  path: string;
}

/**
 * Plans the write. `current` is a GetHttpPostConfig result; only its `raw` tree is trusted (the
 * typed view is re-read from it), so a copy that went through the editor cannot drift.
 * Throws RangeError when `wanted` is invalid; returns `ok: false` when no slot may be used.
 */
export function planHttpPost(given: HttpPostConfig, wanted: HttpPostWanted): HttpPostPlan {
  const current = readHttpPostConfig(given.raw);
  const want = normalise(wanted);
  const version = /^2\./.test(wanted.apiVersion ?? "") ? (wanted.apiVersion as string) : "1.0";
  if (current.httpPostV2) return planV2(current, want, version);
  if (current.httpPost) return planV1(current.httpPost, want, version, wanted.replaceV1 === true);
  return { ok: false, element: "httpPost", slots: [], reason: "the camera reported no HTTP POST settings" };
}

type Normalised = Target & Required<Pick<HttpPostWanted, "protocol" | "heartbeatSeconds">> & { dataTypes: string[]; events: string[] };

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^[0-9A-Fa-f:.]{2,45}$/;
const PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,126}$/;
const EVENT = /^[A-Za-z0-9_]{1,32}$/;

/** Validates the caller's wishes; RangeError with a message fit for the editor. */
function normalise(w: HttpPostWanted): Normalised {
  const domain = w.domain.trim();
  if (!HOST.test(domain)) throw new RangeError(`"${w.domain}" is not an IP address or host name the camera can post to`);
  if (!Number.isInteger(w.port) || w.port < 1 || w.port > 65535) throw new RangeError("port must be 1-65535");
  if (!PATH.test(w.path)) throw new RangeError(`path must start with "/" and contain no spaces: "${w.path}"`);
  const heartbeatSeconds = w.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS;
  if (!Number.isInteger(heartbeatSeconds) || heartbeatSeconds < 30 || heartbeatSeconds > 120) {
    throw new RangeError("heartbeat interval must be 30-120 seconds");
  }
  const dataTypes = [...new Set(w.dataTypes ?? DEFAULT_DATA_TYPES)];
  const unknown = dataTypes.filter((t) => !(DATA_TYPES as readonly string[]).includes(t));
  if (dataTypes.length === 0 || unknown.length > 0) {
    throw new RangeError(`data types must be some of ${DATA_TYPES.join(", ")}${unknown.length ? `; not ${unknown.join(", ")}` : ""}`);
  }
  const events = [...new Set(w.events ?? ["ALL"])];
  if (events.length === 0 || !events.every((e) => EVENT.test(e))) throw new RangeError("events must be ALL or event names like PERIMETER");
  return { domain, port: w.port, path: w.path, protocol: w.protocol ?? "http", heartbeatSeconds, dataTypes, events };
}

function isOurs(domain: string | undefined, port: number | undefined, path: string | undefined, want: Target): boolean {
  return (domain ?? "").toLowerCase() === want.domain.toLowerCase() && port === want.port && normalPath(path) === want.path;
}

function normalPath(path: string | undefined): string {
  return path === undefined || path === "" ? "/" : path.startsWith("/") ? path : `/${path}`;
}

function describe(domain: string | undefined, port: number | undefined, path: string | undefined): string {
  return domain ? `${domain}:${port ?? "?"}${normalPath(path)}` : "";
}

const listText = (values: readonly string[]): string => [...values].sort().join(", ");
const show = (value: string | number | boolean | undefined): string => (value === undefined ? "" : String(value));

function changes(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  return Object.keys(after).map((field) => ({
    field, before: before[field] ?? "", after: after[field], changed: (before[field] ?? "") !== after[field],
  }));
}

// ---- httpPostV2: up to maxCount URL slots ------------------------------------------------

/** A slot's managed fields as display strings; also used to verify the read-back. */
export function slotFields(slot: Partial<HttpPostSlot>, dataTypeElement: string): Record<string, string> {
  return {
    "switch": show(slot.switch), "url/protocol": show(slot.protocol), "url/domain": show(slot.domain),
    "url/port": show(slot.port), "url/path": show(slot.path), "url/authentication": show(slot.authentication),
    "heatBeatSwitch": show(slot.heatBeatSwitch), "keepaliveTimeval": show(slot.keepaliveTimeval),
    [dataTypeElement]: listText(slot.dataTypes ?? []), "subscriptionEvents": listText(slot.subscriptionEvents ?? []),
  };
}

function summary(slot: HttpPostSlot, want: Target): SlotSummary {
  return { urlId: slot.urlId, enabled: slot.switch, target: describe(slot.domain, slot.port, slot.path), ours: isOurs(slot.domain, slot.port, slot.path, want) };
}

function chooseSlot(slots: HttpPostSlot[], maxCount: number, want: Target): { urlId: number; action: SlotAction } | undefined {
  const ours = slots.filter((s) => isOurs(s.domain, s.port, s.path, want));
  const mine = ours.find((s) => s.switch) ?? ours[0];
  if (mine) return { urlId: mine.urlId, action: "reuse" };
  const empty = slots.find((s) => !s.domain);
  if (empty) return { urlId: empty.urlId, action: "empty" };
  if (slots.length < maxCount) {
    const used = new Set(slots.map((s) => s.urlId));
    for (let id = 1; id <= maxCount; id++) if (!used.has(id)) return { urlId: id, action: "new" };
  }
  const disabled = slots.find((s) => !s.switch);
  return disabled ? { urlId: disabled.urlId, action: "disabled" } : undefined;
}

function planV2(current: HttpPostConfig, want: Normalised, version: string): HttpPostPlan {
  const v2 = current.httpPostV2!;
  const slots = v2.urlList;
  const element = "httpPostV2";
  const summaries = slots.map((s) => summary(s, want));
  const choice = chooseSlot(slots, v2.maxCount, want);
  if (!choice) {
    const others = summaries.map((s) => `${s.urlId}: ${s.target}`).join("; ");
    return { ok: false, element, slots: summaries, reason: `all ${slots.length} HTTP POST slots are in use by other servers (${others}); free one in the camera's web page` };
  }
  const existing = slots.find((s) => s.urlId === choice.urlId);
  const dataTypeElement = existing?.dataTypeElement ?? slots[0]?.dataTypeElement ?? "subscribeDateType";
  const after: HttpPostSlot = {
    urlId: choice.urlId, switch: true, protocol: want.protocol, domain: want.domain, port: want.port, path: want.path,
    authentication: "none", heatBeatSwitch: true, keepaliveTimeval: want.heartbeatSeconds,
    dataTypeElement, dataTypes: want.dataTypes, subscriptionEvents: want.events,
  };
  const fieldChanges = changes(existing ? slotFields(existing, dataTypeElement) : {}, slotFields(after, dataTypeElement));
  const tree = writeV2Tree(current, after);
  return {
    ok: true, element, slots: summaries, urlId: choice.urlId, action: choice.action, changes: fieldChanges,
    changed: fieldChanges.some((c) => c.changed), version,
    body: configDocument(version, writeElement(element, tree)),
  };
}

/** The camera's httpPostV2 tree with our slot edited (or added); other slots as returned. */
function writeV2Tree(current: HttpPostConfig, slot: HttpPostSlot): XmlElement {
  const source = at(current.raw.root, "httpPostV2");
  const tree: XmlElement = isElement(source) ? clone(source) : {};
  const list = ensureElement(ensureElement(tree, "postUrlConf"), "urlList");
  const entries = items(list);
  const parsed = current.httpPostV2?.urlList ?? [];
  let index = parsed.findIndex((s) => s.urlId === slot.urlId);
  if (index < 0) {
    entries.push({});
    index = entries.length - 1;
  }
  fillSlot(entries[index], slot);
  list.item = entries;
  if (list["@_type"] === undefined) list["@_type"] = "list";
  list["@_count"] = String(entries.length);
  return tree;
}

function fillSlot(item: XmlElement, slot: HttpPostSlot): void {
  setText(item, "urlId", String(slot.urlId));
  setText(item, "switch", "true");
  const url = ensureElement(item, "url");
  setText(url, "protocol", slot.protocol ?? "http");
  setText(url, "domain", slot.domain ?? "");
  setText(url, "port", String(slot.port));
  setText(url, "path", slot.path ?? "/");
  setText(url, "authentication", slot.authentication ?? "none");
  setText(item, "heatBeatSwitch", "true");
  setText(item, "keepaliveTimeval", String(slot.keepaliveTimeval));
  setList(item, slot.dataTypeElement, slot.dataTypes);
  setList(item, "subscriptionEvents", slot.subscriptionEvents);
}

// ---- httpPost (v1): one target -----------------------------------------------------------

export function v1Fields(v1: HttpPostV1): Record<string, string> {
  return {
    bSwitch: show(v1.bSwitch), serverIp: show(v1.serverIp), serverPort: show(v1.serverPort),
    URL: show(v1.URL), keepaliveTimeval: show(v1.keepaliveTimeval),
  };
}

function planV1(v1: HttpPostV1, want: Normalised, version: string, replace: boolean): HttpPostPlan {
  const element = "httpPost";
  const ours = isOurs(v1.serverIp, v1.serverPort, v1.URL, want);
  const slots: SlotSummary[] = [{ urlId: 1, enabled: v1.bSwitch === true, target: describe(v1.serverIp, v1.serverPort, v1.URL), ours }];
  const busy = v1.bSwitch === true && !!v1.serverIp && !ours;
  if (busy && !replace) {
    return { ok: false, element, slots, reason: `the camera's only HTTP POST target is in use by ${slots[0].target}; confirm to replace it` };
  }
  const after: HttpPostV1 = { bSwitch: true, serverIp: want.domain, serverPort: want.port, URL: want.path, keepaliveTimeval: want.heartbeatSeconds };
  const fieldChanges = changes(v1Fields(v1), v1Fields(after));
  const inner = [
    `  <bSwitch>true</bSwitch>`,
    `  <serverIp>${cdata(want.domain)}</serverIp>`,
    `  <serverPort>${want.port}</serverPort>`,
    `  <keepaliveTimeval>${want.heartbeatSeconds}</keepaliveTimeval>`,
    `  <URL>${cdata(want.path)}</URL>`,
  ].join("\n");
  return {
    ok: true, element, slots, urlId: 1, action: ours ? "reuse" : busy ? "replace" : v1.serverIp ? "disabled" : "empty",
    changes: fieldChanges, changed: fieldChanges.some((c) => c.changed), version,
    body: configDocument(version, `<${element}>\n${inner}\n</${element}>\n`),
  };
}

// The configuration API calls the editor needs (PROTOCOL.md 6): identity, HTTP POST settings
// (read, plan, write, verify) and current alarm states.
import { attr, child, childNames, isElement, type XmlDocument } from "../protocol/xml";
import { str } from "../protocol/read";
import { readAlarms } from "../protocol/alarm-status";
import type { AlarmState } from "../protocol/types";
import { CameraError } from "./errors";
import type { CameraClient } from "./http-client";
import { readHttpPostConfig, type HttpPostConfig } from "./http-post-config";
import { slotFields, v1Fields, type FieldChange, type HttpPostPlan, type PlanReady } from "./http-post-plan";

export { planHttpPost } from "./http-post-plan";
export type { HttpPostPlan, HttpPostWanted, PlanReady, PlanRefused, FieldChange, SlotSummary, DataType } from "./http-post-plan";
export { readHttpPostConfig } from "./http-post-config";
export type { HttpPostConfig, HttpPostSlot, HttpPostV1, HttpPostV2 } from "./http-post-config";

export interface DeviceInfo {
  name?: string;
  model?: string;
  brand?: string;
  description?: string;
  mac?: string;
  /** `sn`. */
  serial?: string;
  /** `softwareVersion`. */
  firmware?: string;
  /** `apiVersion`; "1.x" when the camera does not report one (pre-2.0 firmware). */
  apiVersion: string;
  /** `httpPostVersion` (API 2.1 cameras). */
  httpPostVersion?: string;
  /** `<config version>` of the reply. */
  configVersion?: string;
  /** Every `deviceInfo` child as text, names as sent. */
  fields: Record<string, string>;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export async function getDeviceInfo(client: CameraClient): Promise<DeviceInfo> {
  const { doc } = await client.send("GetDeviceInfo");
  return readDeviceInfo(doc);
}

/** A GetDeviceInfo reply -> DeviceInfo (pure; throws not-viewtron without `<deviceInfo>`). */
export function readDeviceInfo(doc: XmlDocument): DeviceInfo {
  const info = child(doc.root, "deviceInfo");
  if (!isElement(info)) {
    throw new CameraError("not-viewtron", "the GetDeviceInfo reply has no <deviceInfo>", { command: "GetDeviceInfo" });
  }
  const fields: Record<string, string> = {};
  for (const name of childNames(info)) {
    const value = str(child(info, name));
    if (value !== undefined && !FORBIDDEN_KEYS.has(name)) fields[name] = value;
  }
  const result: DeviceInfo = { apiVersion: fields.apiVersion ?? "1.x", fields };
  const copy: [keyof DeviceInfo, string][] = [
    ["name", "deviceName"], ["model", "model"], ["brand", "brand"], ["description", "deviceDescription"],
    ["mac", "mac"], ["serial", "sn"], ["firmware", "softwareVersion"], ["httpPostVersion", "httpPostVersion"],
  ];
  for (const [key, name] of copy) if (fields[name] !== undefined) Object.assign(result, { [key]: fields[name] });
  const version = attr(doc.root, "version");
  if (version !== undefined) result.configVersion = version;
  return result;
}

export async function getHttpPostConfig(client: CameraClient): Promise<HttpPostConfig> {
  let reply;
  try {
    reply = await client.send("GetHttpPostConfig");
  } catch (err) {
    // Error 1 "Invalid Request" / 11 "not supported": no HTTP POST API (NVRs: web page only).
    if (err instanceof CameraError && err.code === "api-error" && (err.apiErrorCode === 1 || err.apiErrorCode === 11)) {
      throw new CameraError("unsupported", `this device has no HTTP POST configuration API (${err.message}); set HTTP POST in its web page`, err);
    }
    throw err;
  }
  const config = readHttpPostConfig(reply.doc);
  if (!config.httpPost && !config.httpPostV2) {
    throw new CameraError("unsupported", "the device reported neither httpPost nor httpPostV2 settings", { command: "GetHttpPostConfig" });
  }
  return config;
}

export interface SetHttpPostResult {
  /** Every field we wrote reads back as written. */
  verified: boolean;
  /** Fields that read back differently. */
  mismatches: FieldChange[];
  /** The settings as read back after the write. */
  config: HttpPostConfig;
}

/** Sends a ready plan, expects `status="success"`, then reads the settings back and compares. */
export async function setHttpPostConfig(client: CameraClient, plan: HttpPostPlan): Promise<SetHttpPostResult> {
  if (!plan.ok) throw new RangeError(`nothing to write: ${plan.reason}`);
  const { doc } = await client.send("SetHttpPostConfig", { body: plan.body });
  if (attr(doc.root, "status")?.toLowerCase() !== "success") {
    throw new CameraError("bad-response", "SetHttpPostConfig did not answer status=\"success\"", { command: "SetHttpPostConfig" });
  }
  const config = await getHttpPostConfig(client);
  const mismatches = compare(plan, config);
  return { verified: mismatches.length === 0, mismatches, config };
}

function compare(plan: PlanReady, config: HttpPostConfig): FieldChange[] {
  let actual: Record<string, string>;
  if (plan.element === "httpPostV2") {
    const slot = config.httpPostV2?.urlList.find((s) => s.urlId === plan.urlId);
    const name = slot?.dataTypeElement ?? "subscribeDateType";
    actual = slot ? slotFields(slot, name) : {};
  } else {
    actual = config.httpPost ? v1Fields(config.httpPost) : {};
  }
  return plan.changes
    .filter((c) => (actual[c.field] ?? "") !== c.after)
    .map((c) => ({ field: c.field, before: c.after, after: actual[c.field] ?? "", changed: true }));
}

/** Current alarm states, in the shape webhook alarmStatus payloads use (`alarms`). */
export async function getAlarmStatus(client: CameraClient, channel?: number): Promise<AlarmState[]> {
  const { doc } = await client.send("GetAlarmStatus", channel === undefined ? {} : { channel });
  return readAlarmStatus(doc);
}

/** A GetAlarmStatus reply -> alarm states (pure), via the webhook parser's alarm reader. */
export function readAlarmStatus(doc: XmlDocument): AlarmState[] {
  const info = child(doc.root, "alarmStatusInfo");
  if (info === undefined) {
    throw new CameraError("bad-response", "the GetAlarmStatus reply has no <alarmStatusInfo>", { command: "GetAlarmStatus" });
  }
  return isElement(info) ? readAlarms(info) : [];
}

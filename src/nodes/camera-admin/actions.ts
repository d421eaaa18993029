// The four editor actions on a camera, as plain async functions over the camera client: what the
// admin endpoints answer with (no Node-RED, no HTTP here).
import {
  CameraClient, getAlarmStatus, getDeviceInfo, getHttpPostConfig, planHttpPost, setHttpPostConfig,
  type DataType, type DeviceInfo, type FieldChange, type HttpPostPlan,
} from "../../camera";
import type { AlarmState } from "../../protocol/types";
import { wantedDataTypes } from "./data-types";
import type { ConnectionInput, PostTargetInput } from "./input";
import { isWildcard, localAddressToward } from "./reachable-address";

export interface ActionOptions {
  /** Per camera call. */
  timeoutMs: number;
}

/** What the editor shows about the device. */
export interface DeviceSummary {
  name?: string;
  model?: string;
  brand?: string;
  firmware?: string;
  apiVersion: string;
  httpPostVersion?: string;
  serial?: string;
  mac?: string;
}

/** Where the plan says the camera should post, and where the server address came from. */
export interface PostTarget {
  domain: string;
  /** `setting`: the config's Node-RED address; `listen`: its Listen on address; `route`: found. */
  domainSource: "setting" | "listen" | "route";
  port: number;
  path: string;
  heartbeat: number;
  dataTypes: DataType[];
}

/** Hints the editor turns into text: reboot advice, traject needs a tick, any-path config. */
export type PlanNote = "reboot" | "traject" | "any-path";

export interface PlanResult {
  device: DeviceSummary;
  target: PostTarget;
  plan: HttpPostPlan;
  /** A v1 camera whose only target serves another server: `replace: true` would take it. */
  replaceable: boolean;
  notes: PlanNote[];
}

export interface ApplyResult extends PlanResult {
  /** False when the camera already had these settings (nothing was sent). */
  written: boolean;
  verified: boolean;
  mismatches: FieldChange[];
}

/** Thrown when no server address can be found; the user can type one. */
export class NoServerAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoServerAddressError";
  }
}

/** Apply found no slot it may use (all taken, or a v1 target to replace without `replace`). */
export class PlanRefusedError extends Error {
  constructor(readonly result: PlanResult, reason: string) {
    super(reason);
    this.name = "PlanRefusedError";
  }
}

const ROUTE_TIMEOUT_MS = 3_000;

function client(connection: ConnectionInput, options: ActionOptions): CameraClient {
  return new CameraClient({ address: connection.address, user: connection.user, password: connection.password, timeoutMs: options.timeoutMs });
}

export function summarise(info: DeviceInfo): DeviceSummary {
  const { name, model, brand, firmware, apiVersion, httpPostVersion, serial, mac } = info;
  const summary: DeviceSummary = { apiVersion };
  const optional = { name, model, brand, firmware, httpPostVersion, serial, mac };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(summary, { [key]: value });
  return summary;
}

/** "Test connection": GetDeviceInfo. */
export async function testConnection(connection: ConnectionInput, options: ActionOptions): Promise<{ device: DeviceSummary }> {
  return { device: summarise(await getDeviceInfo(client(connection, options))) };
}

/** "Show alarm status": GetAlarmStatus. */
export async function alarmStatus(connection: ConnectionInput, options: ActionOptions): Promise<{ alarms: AlarmState[] }> {
  return { alarms: await getAlarmStatus(client(connection, options)) };
}

/** "Configure camera to post here", step 1: read, and plan without writing. */
export async function planPosting(connection: ConnectionInput, want: PostTargetInput, options: ActionOptions): Promise<PlanResult> {
  return (await prepare(client(connection, options), connection, want)).result;
}

/** Step 2: plan again on fresh settings (the camera may have changed), write, read back. */
export async function applyPosting(connection: ConnectionInput, want: PostTargetInput, options: ActionOptions): Promise<ApplyResult> {
  const camera = client(connection, options);
  const { result } = await prepare(camera, connection, want);
  const { plan } = result;
  if (!plan.ok) throw new PlanRefusedError(result, plan.reason);
  if (!plan.changed) return { ...result, written: false, verified: true, mismatches: [] };
  const written = await setHttpPostConfig(camera, plan);
  return { ...result, written: true, verified: written.verified, mismatches: written.mismatches };
}

async function prepare(camera: CameraClient, connection: ConnectionInput, want: PostTargetInput): Promise<{ result: PlanResult }> {
  const info = await getDeviceInfo(camera);
  const current = await getHttpPostConfig(camera);
  const target = await postTarget(connection, want);
  const plan = planHttpPost(current, {
    domain: target.domain, port: target.port, path: target.path, heartbeatSeconds: target.heartbeat,
    dataTypes: target.dataTypes, apiVersion: info.apiVersion, replaceV1: want.replace,
  });
  const replaceable = !plan.ok && plan.element === "httpPost" && plan.slots.length === 1 && plan.slots[0].enabled && !plan.slots[0].ours;
  const notes: PlanNote[] = ["reboot"];
  if (target.dataTypes.includes("traject")) notes.push("traject");
  if (want.path === "") notes.push("any-path");
  return { result: { device: summarise(info), target, plan, replaceable, notes } };
}

async function postTarget(connection: ConnectionInput, want: PostTargetInput): Promise<PostTarget> {
  let domain = want.serverAddress;
  let domainSource: PostTarget["domainSource"] = "setting";
  if (domain === "" && !isWildcard(want.bind)) {
    domain = want.bind;
    domainSource = "listen";
  }
  if (domain === "") {
    domainSource = "route";
    try {
      domain = await localAddressToward(connection.address.hostname, connection.address.port, ROUTE_TIMEOUT_MS);
    } catch (err) {
      throw new NoServerAddressError(`cannot tell this host's address as ${connection.addressText} sees it (${err instanceof Error ? err.message : String(err)}): type it as the Node-RED address`);
    }
  }
  return {
    domain, domainSource, port: want.port,
    // A config taking any path still needs one on the camera: the vendor's default.
    path: want.path === "" ? "/API" : want.path,
    heartbeat: want.heartbeat, dataTypes: wantedDataTypes(want.inputs),
  };
}

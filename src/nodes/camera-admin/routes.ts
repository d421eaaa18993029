// The editor's camera actions as admin endpoints (RED.httpAdmin), one set per runtime:
//   POST <httpAdminRoot>/viewtron-config/camera/test          GetDeviceInfo
//   POST <httpAdminRoot>/viewtron-config/camera/plan          current vs planned HTTP POST settings
//   POST <httpAdminRoot>/viewtron-config/camera/apply         SetHttpPostConfig, read back
//   POST <httpAdminRoot>/viewtron-config/camera/alarm-status  GetAlarmStatus
// All need the `viewtron-config.write` permission: each makes this host connect wherever the
// caller says and may use a stored camera password, which a read-only user must not do.
import type { Request, Response } from "express";
import type { NodeAPI } from "node-red";
import type { ConfigCredentials } from "../config-settings";
import { alarmStatus, applyPosting, planPosting, testConnection } from "./actions";
import type { InChoices } from "./data-types";
import { bodyObject, configId, connectionInput, postTargetInput, type StoredConfig } from "./input";
import { errorReply } from "./replies";

export const ADMIN_BASE = "/viewtron-config/camera";
export const ADMIN_PERMISSION = "viewtron-config.write";

const DEFAULT_TIMEOUT_MS = 8_000;
/** Camera calls in flight at once, all users together: a stuck camera cannot pile up sockets. */
const MAX_IN_FLIGHT = 8;

let timeoutMs = DEFAULT_TIMEOUT_MS;
let inFlight = 0;
const registered = new WeakSet<object>();

/** For tests: the per-call camera timeout; no argument = the default (8 s). */
export function setCameraAdminTimeout(ms?: number): void {
  timeoutMs = ms !== undefined && ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
}

type Action = (body: Record<string, unknown>, stored: StoredConfig | undefined) => Promise<object>;

export function registerCameraAdmin(RED: NodeAPI): void {
  const app = RED.httpAdmin;
  // Node-RED calls a module's init once per runtime; test harnesses build a new admin app per load.
  if (!app || registered.has(app)) return;
  registered.add(app);
  const options = (): { timeoutMs: number } => ({ timeoutMs });

  const actions: Record<string, Action> = {
    "test": (body, stored) => testConnection(connectionInput(body, stored), options()),
    "alarm-status": (body, stored) => alarmStatus(connectionInput(body, stored), options()),
    "plan": (body, stored) => planPosting(connectionInput(body, stored), postTargetInput(body, stored), options()),
    "apply": async (body, stored) => {
      const connection = connectionInput(body, stored);
      const result = await applyPosting(connection, postTargetInput(body, stored), options());
      if (result.written && result.plan.ok) {
        RED.log.info(RED._("viewtron-config.log.applied", { camera: connection.addressText, slot: result.plan.urlId, target: `${result.target.domain}:${result.target.port}${result.target.path}` }));
      }
      return result;
    },
  };

  for (const [name, action] of Object.entries(actions)) {
    app.post(`${ADMIN_BASE}/${name}`, RED.auth.needsPermission(ADMIN_PERMISSION), (req: Request, res: Response) => {
      void handle(RED, action, req, res);
    });
  }
}

async function handle(RED: NodeAPI, action: Action, req: Request, res: Response): Promise<void> {
  if (inFlight >= MAX_IN_FLIGHT) {
    res.status(503).json({ ok: false, error: { code: "busy", message: "too many camera requests at once; try again" } });
    return;
  }
  inFlight++;
  try {
    const body = bodyObject(req.body);
    const id = configId(body);
    const result = await action(body, id === undefined ? undefined : storedConfig(RED, id));
    res.json({ ok: true, ...result });
  } catch (err) {
    const reply = errorReply(err);
    if (reply.status === 500) RED.log.error(`viewtron-config ${req.path}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    res.status(reply.status).json(reply.body);
  } finally {
    inFlight--;
  }
}

/** The deployed viewtron-config `id` with its credentials and the viewtron-in nodes using it. */
function storedConfig(RED: NodeAPI, id: string): StoredConfig | undefined {
  let props: Record<string, unknown> | undefined;
  const inputs: InChoices[] = [];
  RED.nodes.eachNode((node) => {
    const entry = node as unknown as Record<string, unknown>;
    if (node.id === id && node.type === "viewtron-config") props = entry;
    else if (node.type === "viewtron-in" && entry.config === id) inputs.push(entry);
  });
  if (props === undefined) return undefined;
  const credentials = (RED.nodes.getCredentials(id) ?? {}) as ConfigCredentials;
  const stored: StoredConfig = { props, inputs };
  if (typeof credentials.cameraUser === "string") stored.cameraUser = credentials.cameraUser;
  if (typeof credentials.cameraPassword === "string") stored.cameraPassword = credentials.cameraPassword;
  return stored;
}

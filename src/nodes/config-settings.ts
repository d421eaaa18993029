// viewtron-config properties (flow JSON, as the editor writes them) -> listener options.
import type { Credentials, DeviceFilter, SubscribeOptions } from "../server";

export interface ConfigProperties {
  name?: string;
  port?: number | string;
  path?: string;
  bind?: string;
  maxBody?: number | string;
  allow?: string;
  deviceAddress?: string;
  deviceMac?: string;
  deviceSerial?: string;
  deviceName?: string;
  watchdog?: number | string;
  /** The camera's configuration API: `host[:port]`, optionally `http(s)://`; "" = none. */
  cameraAddress?: string;
  /** Node-RED's address as the camera reaches it; "" = found from the route to the camera. */
  serverAddress?: string;
  /** Heartbeat interval written to the camera, 30-120 s. */
  heartbeat?: number | string;
}

export interface ConfigCredentials {
  /** Basic auth the camera's posts must carry. */
  user?: string;
  password?: string;
  /** Login for the camera's configuration API. */
  cameraUser?: string;
  cameraPassword?: string;
}

export interface ConfigSettings {
  /** undefined when the port property is no whole number in 1..65535. */
  port: number | undefined;
  portText: string;
  options: Omit<SubscribeOptions, "port" | "wantsImages">;
}

const DEFAULT_PORT = 5002;
const DEFAULT_MAX_BODY_MB = 5;
const DEFAULT_WATCHDOG_S = 300;

const text = (value: unknown): string => (value === undefined || value === null ? "" : String(value).trim());

/** A number from a number or numeric string; `fallback` when empty or not a finite number >= 0. */
function numberOr(value: unknown, fallback: number): number {
  const raw = text(value);
  if (raw === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function readSettings(props: ConfigProperties, credentials: ConfigCredentials | undefined): ConfigSettings {
  const portText = text(props.port) || String(DEFAULT_PORT);
  const portNumber = Number(portText);
  const port = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535 ? portNumber : undefined;
  const maxBodyMb = numberOr(props.maxBody, DEFAULT_MAX_BODY_MB) || DEFAULT_MAX_BODY_MB;
  const user = credentials?.user ?? "";
  const password = credentials?.password ?? "";
  const auth: Credentials | undefined = user !== "" || password !== "" ? { user, password } : undefined;
  const device: DeviceFilter = {
    address: text(props.deviceAddress),
    mac: text(props.deviceMac),
    serial: text(props.deviceSerial),
    name: text(props.deviceName),
  };
  return {
    port,
    portText,
    options: {
      // `path` may legitimately be "" (any path): only a missing property takes the default.
      path: props.path === undefined || props.path === null ? "/API" : String(props.path),
      bind: text(props.bind),
      maxBodyBytes: Math.round(maxBodyMb * 1024 * 1024),
      allow: text(props.allow),
      auth,
      device,
      watchdogSeconds: numberOr(props.watchdog, DEFAULT_WATCHDOG_S),
    },
  };
}

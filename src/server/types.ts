// The server module's public shapes: what a subscriber asks for and what it is told.
// Pure Node: nothing here knows Node-RED.
import type { Device, ParsedMessage } from "../protocol/types";
import type { ViewtronParseError } from "../protocol/errors";

export interface Credentials {
  user: string;
  password: string;
}

/** Every given field must match; all empty = any device. */
export interface DeviceFilter {
  address?: string;
  /** Compared normalised: case and separators ignored. */
  mac?: string;
  serial?: string;
  name?: string;
}

export interface SubscribeOptions {
  port: number;
  /** Request pathname to accept (default `/API`); `""` or `"*"` = any path. */
  path?: string;
  /** Listen address; `""` / undefined = all interfaces. The first subscriber of a port decides. */
  bind?: string;
  /** Largest accepted body in bytes (default 5 MB). */
  maxBodyBytes?: number;
  /** Addresses / CIDRs separated by commas, spaces or newlines; empty = any address. */
  allow?: string;
  /** Basic-auth credentials; undefined = no authentication. */
  auth?: Credentials;
  device?: DeviceFilter;
  /** A device silent for longer than this is reported down; 0 / undefined = off. */
  watchdogSeconds?: number;
  /** Asked per post: decode images only if some subscriber on the route wants them. */
  wantsImages?: () => boolean;
}

/** What the listener knows about one device, merged over all its posts. */
export interface TrackedDevice {
  /** `mac:<12 hex>`, `sn:<serial>` or `addr:<remote address>`. */
  readonly key: string;
  /** Identity fields the device has sent (latest value of each), without `channel`. */
  identity: Device;
  remoteAddress: string;
  firstSeen: number;
  lastSeen: number;
  /** Milliseconds between the last two posts. */
  intervalMs?: number;
  posts: number;
}

export interface Delivery {
  /** Never a keepalive: heartbeats only feed the device tracker. */
  readonly message: ParsedMessage;
  readonly body: Buffer;
  readonly receivedAt: number;
  readonly remoteAddress: string;
  readonly device: TrackedDevice;
  /** The body as UTF-8 text, decoded once on first call. */
  text(): string;
}

export interface ConnectionChange {
  state: "up" | "down";
  device: TrackedDevice;
  at: number;
}

export type ProblemCode =
  | "not-found" // 404: no subscriber on that path
  | "forbidden" // 403: address not on the allow-list
  | "unauthorized" // 401: missing or wrong basic-auth credentials
  | "method-not-allowed" // 405: not a POST
  | "too-large" // 413
  | "bad-request" // 400: DOCTYPE, malformed XML, not XML, bad request target
  | "unknown-document" // well-formed XML that is no webhook: answered with success anyway
  | "parse-failure" // the parser failed unexpectedly: answered with success, reported
  | "client-error" // broken HTTP, header overflow, request timeout
  | "auth-conflict" // another subscriber on an overlapping path uses other credentials
  | "bind-conflict" // the port is already bound to another address by an earlier subscriber
  | "invalid-allow-entry"; // an allow-list entry that is no address or CIDR (ignored)

export interface Problem {
  code: ProblemCode;
  /** Short English reason (nodes translate by `code`). */
  message: string;
  status?: number;
  remoteAddress?: string;
  path?: string;
  /** The parse error for `bad-request` / `unknown-document` bodies. */
  error?: ViewtronParseError | Error;
  /** The body, for `unknown-document` (it was accepted). */
  body?: Buffer;
}

export type PortState =
  | { state: "starting"; port: number }
  | { state: "listening"; port: number; address: string }
  | { state: "failed"; port: number; error: NodeJS.ErrnoException }
  | { state: "closed"; port: number };

/** Callbacks; each is called inside a try/catch and must not rely on being awaited. */
export interface Subscriber {
  message?(delivery: Delivery): void;
  connection?(change: ConnectionChange): void;
  /** Called once per cause (code + source address + detail). */
  problem?(problem: Problem): void;
  state?(state: PortState): void;
}

export interface Subscription {
  readonly port: number;
  state(): PortState;
  /** Devices this subscription has seen and whose watchdog has not fired. */
  connectedDevices(): TrackedDevice[];
  /** Devices whose watchdog fired and that have not posted since. */
  silentDevices(): TrackedDevice[];
  /** Idempotent; resolves once the port is released (if this was its last subscriber). */
  close(): Promise<void>;
}

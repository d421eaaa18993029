// The shared camera listener: pure Node, no Node-RED. Nodes use `subscribe`.
export { PortRegistry, defaultRegistry, subscribe } from "./port-registry";
export type { PortStats } from "./listener";
export { PRODUCTION_TIMEOUTS, DEFAULT_MAX_BODY_BYTES, type ServerTimeouts } from "./timeouts";
export { normalizeAddress, normalizeMac } from "./addresses";
export { parseAllowList, type AllowList } from "./allow-list";
export type {
  ConnectionChange, Credentials, Delivery, DeviceFilter, PortState, Problem, ProblemCode, SubscribeOptions, Subscriber,
  Subscription, TrackedDevice,
} from "./types";

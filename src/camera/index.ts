// Camera configuration API client (no Node-RED imports): see api.ts for the calls.
export { CameraClient, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from "./http-client";
export type { CameraClientOptions, CameraReply, SendOptions } from "./http-client";
export { CameraError } from "./errors";
export type { CameraErrorCode } from "./errors";
export { parseCameraAddress, formatHostPort } from "./address";
export type { CameraAddress } from "./address";
export { DATA_TYPES, DEFAULT_DATA_TYPES, DEFAULT_HEARTBEAT_SECONDS } from "./http-post-plan";
export * from "./api";

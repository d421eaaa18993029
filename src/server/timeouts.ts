// HTTP timing of the camera listener. Each value is a deliberate choice, reason beside it.

export interface ServerTimeouts {
  keepAliveMs: number;
  headersMs: number;
  requestMs: number;
  checkIntervalMs: number;
}

export const PRODUCTION_TIMEOUTS: Readonly<ServerTimeouts> = Object.freeze({
  // Cameras heartbeat at most every 120 s on an otherwise idle socket: 150 s outlives the longest gap (Node adds 1 s).
  keepAliveMs: 150_000,
  // Counted from a request's first byte (not idle time, Node >= 18); a camera's headers are one small packet, so 20 s is generous and still cuts slowloris sockets.
  headersMs: 20_000,
  // Whole request: ~1 MB (the largest real event) at 150 kbit/s or a 5 MB body at 700 kbit/s; longer means a stalled upload.
  requestMs: 60_000,
  // How often Node checks the two deadlines above (its default of 30 s would let them overrun by half a minute).
  checkIntervalMs: 5_000,
});

/** Header block limit: cameras send well under 1 KB of headers. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Default body limit (PROTOCOL.md 1.5): a 4K overview as base64 is ~2 MB. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

// One camera request: transport checks, body, parse, fan-out and the success reply. Complete bodies
// are parsed with the others of the same event-loop turn (accept-batch.ts). A post with a message
// is confirmed after its hand-off but before any flow node runs (success-after-handoff.ts), so flow
// work never delays the camera; heartbeats are answered at once.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseMessage } from "../protocol/parse";
import { ViewtronParseError } from "../protocol/errors";
import type { ParsedMessage } from "../protocol/types";
import { normalizeAddress, requestPath } from "./addresses";
import { inBatch } from "./accept-batch";
import { readBody } from "./body";
import type { DeviceTracker } from "./device-tracker";
import { METHOD_HEADERS, UNAUTHORIZED_HEADERS, sendError, sendSuccess } from "./responses";
import type { Route } from "./route";
import { sendSuccessAfterHandoff } from "./success-after-handoff";
import type { Delivery, Problem, TrackedDevice } from "./types";

export interface PortContext {
  readonly routes: readonly Route[];
  readonly tracker: DeviceTracker;
}

export function handleRequest(ctx: PortContext, req: IncomingMessage, res: ServerResponse): void {
  const remoteAddress = normalizeAddress(req.socket.remoteAddress);
  const reject = (routes: readonly Route[], status: number, problem: Problem, detail: string, extra?: Record<string, string>): void => {
    for (const route of routes) route.report(problem, detail);
    sendError(res, status, problem.message, true, extra);
  };

  const path = requestPath(req.url); // remembered: no URL parse per post
  if (path === undefined) {
    const problem: Problem = { code: "bad-request", status: 400, message: "unreadable request target", remoteAddress };
    return reject(ctx.routes, 400, problem, "target");
  }
  const { pathname, key: pathKey } = path;
  const onPath = ctx.routes.filter((route) => route.matchesPath(pathKey));
  if (onPath.length === 0) {
    const problem: Problem = { code: "not-found", status: 404, message: `no listener on path ${pathname}`, remoteAddress, path: pathname };
    return reject(ctx.routes, 404, problem, pathKey);
  }
  const allowed = onPath.filter((route) => route.allow.allows(remoteAddress));
  if (allowed.length === 0) {
    const problem: Problem = { code: "forbidden", status: 403, message: "address not allowed", remoteAddress, path: pathname };
    return reject(onPath, 403, problem, "");
  }
  const authed: Route[] = [];
  let verdict: "missing" | "wrong" = "missing";
  for (const route of allowed) {
    const result = route.checkAuth(req.headers.authorization);
    if (result === "ok") authed.push(route);
    else if (result === "wrong") verdict = "wrong";
  }
  if (authed.length === 0) {
    const message = verdict === "wrong" ? "wrong user or password" : "authentication required";
    const problem: Problem = { code: "unauthorized", status: 401, message, remoteAddress, path: pathname };
    return reject(allowed, 401, problem, verdict, UNAUTHORIZED_HEADERS);
  }
  if (req.method !== "POST") {
    const problem: Problem = { code: "method-not-allowed", status: 405, message: `method ${req.method ?? "?"} not allowed, use POST`, remoteAddress, path: pathname };
    return reject(authed, 405, problem, req.method ?? "", METHOD_HEADERS);
  }
  const limit = Math.max(...authed.map((route) => route.maxBodyBytes));
  const tooLarge = (): void => {
    const problem: Problem = { code: "too-large", status: 413, message: `body larger than ${limit} bytes`, remoteAddress, path: pathname };
    reject(authed, 413, problem, "");
  };
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return tooLarge();

  readBody(req, limit, (result) => {
    const guarded = (work: () => void): void => {
      try {
        work();
      } catch (err) {
        // Runs in a stream event or a batch: a bug here must cost this request only, never the process.
        for (const route of authed) route.report({ code: "client-error", message: `internal error: ${String(err)}`, remoteAddress }, "internal");
        sendError(res, 500, "internal error", true);
      }
    };
    // A complete body joins this turn's batch (accept-batch.ts).
    if (result.ok) inBatch(() => guarded(() => acceptBody(ctx, authed, req, res, result.body, remoteAddress)));
    else if (result.reason === "too-large") guarded(tooLarge);
    // "aborted": the connection ended mid-body; only that body is lost, nobody to answer.
    else guarded(() => {
      for (const route of authed) route.report(cutOff(remoteAddress), CUT_OFF);
    });
  });
}

/** Cause key of `cutOff`, shared with the listener's clientError path so both count as one. */
export const CUT_OFF = "cut-off";

/** A connection that ended in the middle of a request: reported once per address, not per body. */
export function cutOff(remoteAddress: string): Problem {
  return { code: "client-error", message: "connection ended in the middle of a post; that post is lost", remoteAddress };
}

function acceptBody(
  ctx: PortContext, routes: readonly Route[], req: IncomingMessage, res: ServerResponse, body: Buffer, remoteAddress: string,
): void {
  const receivedAt = Date.now();
  let message: ParsedMessage | undefined;
  let problem: Problem | undefined;
  let cause = "";
  try {
    const images = routes.some((route) => route.wantsImages());
    message = parseMessage(body, { images, remoteAddress, receivedAt });
  } catch (err) {
    if (err instanceof ViewtronParseError && err.code !== "unknown-document") {
      // Malformed or hostile: 400, but the body was read, so the camera's connection stays usable.
      const bad: Problem = { code: "bad-request", status: 400, message: err.message, remoteAddress, error: err };
      for (const route of routes) route.report(bad, err.code);
      sendError(res, 400, err.message, false);
      return;
    }
    // Well-formed but no webhook (or a parser fault): the device expects success whatever we make of it.
    const error = err instanceof Error ? err : new Error(String(err));
    const code = err instanceof ViewtronParseError ? "unknown-document" : "parse-failure";
    problem = { code, message: error.message, remoteAddress, error, body };
    cause = err instanceof ViewtronParseError ? err.code : error.name;
  }
  const device = ctx.tracker.observe(message?.device, remoteAddress, req.socket, receivedAt);
  const delivery = message !== undefined && message.kind !== "keepalive"
    ? new PostDelivery(message, body, receivedAt, remoteAddress, device)
    : undefined;
  // A message for the flow: confirmed once handed over (queued before the fan-out); else at once.
  if (delivery !== undefined) sendSuccessAfterHandoff(res, routes);
  else sendSuccess(res);
  for (const route of routes) route.accept(device, receivedAt, delivery, problem, cause);
}

class PostDelivery implements Delivery {
  private decoded: string | undefined;
  constructor(
    readonly message: ParsedMessage,
    readonly body: Buffer,
    readonly receivedAt: number,
    readonly remoteAddress: string,
    readonly device: TrackedDevice,
  ) {}

  text(): string {
    if (this.decoded === undefined) this.decoded = this.body.toString("utf8");
    return this.decoded;
  }
}

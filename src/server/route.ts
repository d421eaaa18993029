// One subscription on a port: its compiled settings and the guarded way back to its subscriber.
import { parseAllowList, type AllowList } from "./allow-list";
import { basicAuth, type BasicAuth } from "./auth";
import { normalizeAddress, routePathKey } from "./addresses";
import { deviceMatcher, type DeviceMatcher } from "./device-filter";
import { DeviceWatch } from "./device-watch";
import type { DeviceTracker } from "./device-tracker";
import { OncePerCause } from "./once-per-cause";
import { DEFAULT_MAX_BODY_BYTES } from "./timeouts";
import type {
  Credentials, Delivery, PortState, Problem, SubscribeOptions, Subscriber, TrackedDevice,
} from "./types";

export class Route {
  /** undefined = any path. */
  readonly pathKey: string | undefined;
  readonly bind: string;
  readonly maxBodyBytes: number;
  readonly allow: AllowList;
  readonly credentials: Credentials | undefined;
  readonly watch: DeviceWatch;
  private readonly auth: BasicAuth | undefined;
  private readonly matchesDevice: DeviceMatcher;
  private readonly reported = new OncePerCause();
  private readonly wantsImagesFn: (() => boolean) | undefined;
  private closed = false;
  private lastState: PortState | undefined;
  private warnedCallbackFailure = false;

  constructor(options: SubscribeOptions, private readonly subscriber: Subscriber, tracker: DeviceTracker) {
    this.pathKey = routePathKey(options.path);
    this.bind = normalizeAddress(options.bind);
    const max = options.maxBodyBytes;
    this.maxBodyBytes = max !== undefined && Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_MAX_BODY_BYTES;
    this.allow = parseAllowList(options.allow);
    this.credentials = options.auth;
    this.auth = options.auth === undefined ? undefined : basicAuth(options.auth);
    this.matchesDevice = deviceMatcher(options.device);
    this.wantsImagesFn = options.wantsImages;
    const watchdogMs = Math.max(0, (options.watchdogSeconds ?? 0) * 1000);
    this.watch = new DeviceWatch(tracker, Number.isFinite(watchdogMs) ? watchdogMs : 0, (change) =>
      this.call(() => this.subscriber.connection?.(change)),
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }

  matchesPath(requestKey: string): boolean {
    return this.pathKey === undefined || this.pathKey === requestKey;
  }

  /** Both would receive some request: same path, or either takes any path. */
  overlaps(other: Route): boolean {
    return this.pathKey === undefined || other.pathKey === undefined || this.pathKey === other.pathKey;
  }

  checkAuth(authorization: string | undefined): "ok" | "missing" | "wrong" {
    return this.auth === undefined ? "ok" : this.auth.check(authorization);
  }

  wantsImages(): boolean {
    if (this.wantsImagesFn === undefined) return true;
    try {
      return this.wantsImagesFn() !== false;
    } catch {
      return true;
    }
  }

  /** An accepted post on this route's path from an allowed, authenticated client. */
  accept(device: TrackedDevice, now: number, delivery: Delivery | undefined, problem: Problem | undefined, cause: string): void {
    if (this.closed || !this.matchesDevice(device)) return;
    this.watch.seen(device, now);
    if (problem !== undefined) this.report(problem, cause);
    if (delivery !== undefined) this.deliver(delivery);
  }

  /** `call` without a closure per post. */
  private deliver(delivery: Delivery): void {
    try {
      this.subscriber.message?.(delivery);
    } catch (err) {
      this.warnOnce(err);
    }
  }

  /** Passes a problem on once per cause (code + source address + detail). */
  report(problem: Problem, detail = ""): void {
    if (this.closed) return;
    if (!this.reported.first(`${problem.code}|${problem.remoteAddress ?? ""}|${detail}`)) return;
    this.call(() => this.subscriber.problem?.(problem));
  }

  notifyState(state: PortState): void {
    if (this.closed || state === this.lastState) return; // the same state can arrive twice around subscribe()
    this.lastState = state;
    this.call(() => this.subscriber.state?.(state));
  }

  close(): void {
    this.closed = true;
    this.watch.stop();
  }

  /** A subscriber's exception must never reach the socket code; say so once, then stay quiet. */
  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.warnOnce(err);
    }
  }

  private warnOnce(err: unknown): void {
    if (this.warnedCallbackFailure) return;
    this.warnedCallbackFailure = true;
    process.emitWarning(`viewtron listener: a subscriber callback threw: ${String(err)}`, "ViewtronSubscriberWarning");
  }
}

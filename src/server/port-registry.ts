// Reference-counted listeners: the first subscriber of a port starts its server, the last one to
// close stops it. A new server on a port waits until the previous one has released it.
import { sameCredentials } from "./auth";
import { normalizeAddress } from "./addresses";
import { PortListener, type PortStats } from "./listener";
import { Route } from "./route";
import { PRODUCTION_TIMEOUTS, type ServerTimeouts } from "./timeouts";
import type { SubscribeOptions, Subscriber, Subscription } from "./types";

export class PortRegistry {
  private readonly listeners = new Map<number, PortListener>();
  private readonly releasing = new Map<number, Promise<void>>();
  private timeouts: ServerTimeouts;

  constructor(timeouts: Partial<ServerTimeouts> = {}) {
    this.timeouts = { ...PRODUCTION_TIMEOUTS, ...timeouts };
  }

  /** For tests and tuning: applies to servers started afterwards; no argument = production values. */
  setTimeouts(timeouts: Partial<ServerTimeouts> = {}): void {
    this.timeouts = { ...PRODUCTION_TIMEOUTS, ...timeouts };
  }

  subscribe(options: SubscribeOptions, subscriber: Subscriber): Subscription {
    const port = options.port;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`invalid port ${String(port)}`);
    const bind = normalizeAddress(options.bind);
    let listener = this.listeners.get(port);
    if (listener === undefined) {
      listener = new PortListener(port, bind, this.timeouts);
      this.listeners.set(port, listener);
      listener.start(this.releasing.get(port));
    }
    const route = new Route(options, subscriber, listener.tracker);
    const others = listener.routes.slice();
    listener.add(route);
    const owner = listener;
    queueMicrotask(() => reportConflicts(owner, route, others));

    let closed: Promise<void> | undefined;
    return {
      port,
      state: () => owner.state,
      connectedDevices: () => route.watch.connected(),
      silentDevices: () => route.watch.silent(),
      close: () => (closed ??= this.release(owner, route)),
    };
  }

  stats(port: number): PortStats | undefined {
    return this.listeners.get(port)?.stats();
  }

  ports(): number[] {
    return [...this.listeners.keys()];
  }

  private release(listener: PortListener, route: Route): Promise<void> {
    route.close();
    if (listener.remove(route) > 0) return Promise.resolve();
    if (this.listeners.get(listener.port) === listener) this.listeners.delete(listener.port);
    const done = listener.close().finally(() => {
      if (this.releasing.get(listener.port) === done) this.releasing.delete(listener.port);
    });
    this.releasing.set(listener.port, done);
    return done;
  }
}

function reportConflicts(listener: PortListener, route: Route, others: readonly Route[]): void {
  if (route.isClosed) return;
  if (route.bind !== listener.bind) {
    route.report({
      code: "bind-conflict",
      message: `port ${listener.port} is already bound to ${listener.bind || "all interfaces"}, not ${route.bind || "all interfaces"}`,
    });
  }
  for (const entry of route.allow.invalid) {
    route.report({ code: "invalid-allow-entry", message: `not an address or CIDR: ${entry}` }, entry);
  }
  for (const other of others) {
    if (other.isClosed || !route.overlaps(other) || sameCredentials(route.credentials, other.credentials)) continue;
    const path = route.pathKey ?? other.pathKey ?? "*";
    const problem = { code: "auth-conflict" as const, message: `different credentials on port ${listener.port} path ${path}`, path };
    route.report(problem, path);
    other.report(problem, path);
  }
}

/** The registry the Node-RED nodes share. */
export const defaultRegistry = new PortRegistry();

export function subscribe(options: SubscribeOptions, subscriber: Subscriber): Subscription {
  return defaultRegistry.subscribe(options, subscriber);
}

// One http.Server on one port, shared by every route (subscription) on it. Owns the sockets so
// that closing ends idle keep-alive connections and half-uploaded requests at once.
import { STATUS_CODES, createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { normalizeAddress } from "./addresses";
import { DeviceTracker } from "./device-tracker";
import { CUT_OFF, cutOff, handleRequest, type PortContext } from "./handle-request";
import type { Route } from "./route";
import { MAX_HEADER_BYTES, type ServerTimeouts } from "./timeouts";
import type { PortState, Problem } from "./types";

export interface PortStats {
  port: number;
  state: PortState["state"];
  sockets: number;
  routes: number;
  devices: number;
  keepAliveTimeout: number;
  headersTimeout: number;
  requestTimeout: number;
}

export class PortListener implements PortContext {
  readonly routes: Route[] = [];
  readonly tracker = new DeviceTracker();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private current: PortState;
  private closeRequested = false;
  private closing: Promise<void> | undefined;
  private settled!: () => void;
  /** Resolves once listening has succeeded or failed (or was skipped because of close). */
  private readonly started = new Promise<void>((resolve) => (this.settled = resolve));

  constructor(readonly port: number, readonly bind: string, timeouts: ServerTimeouts) {
    this.current = { state: "starting", port };
    this.server = createServer({
      requireHostHeader: false, // NVRs and test tools may omit Host; HTTP/1.1 strictness would answer 400
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
      keepAliveTimeout: timeouts.keepAliveMs,
    });
    this.server.keepAliveTimeout = timeouts.keepAliveMs;
    this.server.on("connection", (socket: Socket) => this.onConnection(socket));
    this.server.on("request", (req, res) => {
      try {
        handleRequest(this, req, res);
      } catch (err) {
        // A bug must cost one request, never the process.
        this.reportAll({ code: "client-error", message: `internal error: ${String(err)}`, remoteAddress: normalizeAddress(req.socket.remoteAddress) }, "internal");
        if (!res.headersSent) res.writeHead(500, { Connection: "close", "Content-Length": "0" });
        res.end();
      }
    });
    this.server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => this.onClientError(err, socket));
    this.server.on("error", (err: NodeJS.ErrnoException) => this.onServerError(err));
  }

  get state(): PortState {
    return this.current;
  }

  /** Starts listening, after the previous server on this port (if any) has released it. */
  start(after: Promise<void> | undefined): void {
    const begin = (): void => {
      if (this.closeRequested) return this.settled();
      this.server.once("listening", () => {
        const address = this.server.address();
        const host = typeof address === "object" && address !== null ? address.address : this.bind;
        this.setState({ state: "listening", port: this.port, address: host });
        this.settled();
      });
      this.server.listen({ port: this.port, host: this.bind === "" ? undefined : this.bind });
    };
    if (after === undefined) begin();
    else after.then(begin, begin);
  }

  add(route: Route): void {
    this.routes.push(route);
    queueMicrotask(() => route.notifyState(this.current)); // after subscribe() has returned its handle
  }

  /** Removes a route; returns how many remain. */
  remove(route: Route): number {
    const index = this.routes.indexOf(route);
    if (index >= 0) this.routes.splice(index, 1);
    return this.routes.length;
  }

  reportAll(problem: Problem, detail: string): void {
    for (const route of this.routes) route.report(problem, detail);
  }

  /** Stops listening and destroys every socket now; resolves when the port is free. */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    this.closeRequested = true;
    this.destroySockets();
    this.closing = this.started.then(
      () =>
        new Promise<void>((resolve) => {
          const wasListening = this.server.listening;
          this.current = { state: "closed", port: this.port };
          this.tracker.clear();
          if (!wasListening) return resolve();
          this.server.close(() => resolve());
          this.destroySockets(); // any accepted between the first sweep and close()
          this.server.closeAllConnections();
        }),
    );
    return this.closing;
  }

  stats(): PortStats {
    return {
      port: this.port,
      state: this.current.state,
      sockets: this.sockets.size,
      routes: this.routes.length,
      devices: this.tracker.size,
      keepAliveTimeout: this.server.keepAliveTimeout,
      headersTimeout: this.server.headersTimeout,
      requestTimeout: this.server.requestTimeout,
    };
  }

  private onConnection(socket: Socket): void {
    if (this.closeRequested) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on("error", () => {
      // Resets from cameras are routine; the HTTP layer reports what matters as clientError.
    });
    socket.once("close", () => this.sockets.delete(socket));
  }

  private onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    const code = err.code ?? "ERR";
    if (code === "ECONNRESET" || code === "EPIPE" || !socket.writable) {
      socket.destroy();
      return;
    }
    if (code === "HPE_INVALID_EOF_STATE") {
      // The peer closed mid-request (a camera cut off mid-post): nobody to answer a 400 to.
      this.reportAll(cutOff(normalizeAddress((socket as Partial<Socket>).remoteAddress)), CUT_OFF);
      socket.destroy();
      return;
    }
    const status = code === "HPE_HEADER_OVERFLOW" ? 431 : code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const remoteAddress = normalizeAddress((socket as Partial<Socket>).remoteAddress);
    this.reportAll({ code: "client-error", status, message: `${STATUS_CODES[status] ?? "error"} (${code})`, remoteAddress }, code);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
      socket.destroy(),
    );
  }

  private onServerError(err: NodeJS.ErrnoException): void {
    if (this.current.state === "starting") {
      this.setState({ state: "failed", port: this.port, error: err });
      this.settled();
    }
    // After listening, errors belong to single sockets and are handled there.
  }

  private setState(state: PortState): void {
    this.current = state;
    for (const route of this.routes) route.notifyState(state);
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}

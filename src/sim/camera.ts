// One simulated camera's connection: IPC mode keeps ONE persistent HTTP/1.1 socket and posts one
// body after another on it (no pipelining); NVR mode opens a connection per post with
// `Connection: close`, as the recorders do.
import * as http from "node:http";
import * as https from "node:https";
import type { Socket } from "node:net";
import { basicAuth, postBody, type PostOutcome, type PostTarget } from "./post";
import type { SimFormat } from "./sim-types";

export interface CameraConnectionOptions {
  url: string;
  format?: SimFormat;
  user?: string;
  password?: string;
  /** Per post, default 10 s. */
  timeoutMs?: number;
}

export class CameraConnection {
  private readonly target: PostTarget;
  private readonly agent: http.Agent | undefined;
  private readonly sockets = new WeakSet<Socket>();
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** TCP connections this camera made (IPC: 1 unless the server dropped one). */
  connections = 0;

  constructor(options: CameraConnectionOptions) {
    const url = new URL(options.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`not an http(s) URL: ${options.url}`);
    const format = options.format ?? "ipc";
    if (format === "ipc") {
      const agentOptions = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1, keepAliveMsecs: 30_000 };
      this.agent = url.protocol === "https:" ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    }
    this.target = {
      url,
      format,
      agent: this.agent ?? false,
      timeoutMs: options.timeoutMs ?? 10_000,
      onSocket: (socket) => {
        if (this.sockets.has(socket)) return;
        this.sockets.add(socket);
        // Count connections that were made, not attempts that were refused.
        if (socket.connecting) socket.once("connect", () => this.connections++);
        else this.connections++;
      },
    };
    if (options.user !== undefined) this.target.authorization = basicAuth(options.user, options.password ?? "");
  }

  /** Posts after every earlier post of this camera has been answered. */
  post(body: string | Buffer): Promise<PostOutcome> {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const next = this.tail.then(() => this.send(bytes));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async send(body: Buffer): Promise<PostOutcome> {
    if (this.closed) return { ok: false, error: "camera closed", ms: 0, reusedSocket: false, noAnswer: true };
    const outcome = await postBody(this.target, body);
    // The server may close an idle keep-alive socket just as we reuse it: reconnect once, as
    // the camera does.
    if (!outcome.ok && outcome.reusedSocket && outcome.noAnswer && (outcome.code === "ECONNRESET" || outcome.code === "EPIPE")) {
      return postBody(this.target, body);
    }
    return outcome;
  }

  /** Closes the socket(s); later posts fail at once. */
  close(): void {
    this.closed = true;
    this.agent?.destroy();
  }
}

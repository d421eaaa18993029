// A camera-like HTTP/1.1 client on a raw socket: exact request lines (absolute-form, no Host),
// byte-at-a-time and stalled uploads, and several requests over one persistent connection.
import * as net from "node:net";
import { Signal } from "./signal";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

export interface RequestOptions {
  method?: string;
  /** Request target as written on the request line (default `/API`). */
  target?: string;
  /** Header lines; `Host: 127.0.0.1` and `Content-Length` are added unless given (or null). */
  headers?: Record<string, string | null>;
}

/** The bytes of one request. */
export function requestBytes(body: string | Buffer = "", options: RequestOptions = {}): Buffer {
  const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const headers: Record<string, string | null> = { Host: "127.0.0.1", "Content-Length": String(payload.length), ...options.headers };
  const lines = [`${options.method ?? "POST"} ${options.target ?? "/API"} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) if (value !== null) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), payload]);
}

export class RawConnection {
  private buffer = Buffer.alloc(0);
  private readonly received = new Signal();
  private ended = false;
  readonly closed: Promise<void>;
  /** Local port: the same value across requests proves the connection was reused. */
  readonly localPort: number;

  private constructor(readonly socket: net.Socket) {
    this.localPort = socket.localPort ?? 0;
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.received.notify();
    });
    socket.on("error", () => undefined); // resets are part of several tests
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.ended = true;
        this.received.notify();
        resolve();
      }),
    );
  }

  static open(port: number, host = "127.0.0.1"): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      socket.once("connect", () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Writes without waiting: a server may close while a refused request is still being sent. */
  send(data: string | Buffer): void {
    if (!this.ended) this.socket.write(data, () => undefined);
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  /** Writes a whole request and reads one response. */
  async request(body: string | Buffer = "", options: RequestOptions = {}, timeoutMs = 3000): Promise<RawResponse> {
    await this.write(requestBytes(body, options));
    return this.response(timeoutMs);
  }

  /** Reads the next response (status line, headers; Content-Length, chunked or no body). */
  async response(timeoutMs = 3000): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = this.take();
      if (parsed !== undefined) return parsed;
      if (this.ended) throw new Error("connection closed before a full response");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no response within ${timeoutMs} ms`);
      await this.received.wait(left);
    }
  }

  /** Resolves true if the server closes the connection within `ms`. */
  async closesWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const result = await Promise.race([this.closed.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private take(): RawResponse | undefined {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0) return undefined;
    const head = this.buffer.subarray(0, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? "")?.[1]);
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const read = headers["transfer-encoding"]?.toLowerCase() === "chunked"
      ? this.chunked(end + 4)
      : status < 200 || status === 204 || status === 304 // no body, whatever the headers say
        ? { body: Buffer.alloc(0), next: end + 4 }
        : this.sized(end + 4, Number(headers["content-length"] ?? 0));
    if (read === undefined) return undefined;
    this.buffer = this.buffer.subarray(read.next);
    return { status, headers, body: read.body, text: read.body.toString("utf8") };
  }

  private sized(start: number, length: number): { body: Buffer; next: number } | undefined {
    if (this.buffer.length < start + length) return undefined;
    return { body: Buffer.from(this.buffer.subarray(start, start + length)), next: start + length };
  }

  /** Our listener always sends Content-Length; Node itself answers some bad heads chunked (417). */
  private chunked(start: number): { body: Buffer; next: number } | undefined {
    const parts: Buffer[] = [];
    for (let pos = start; ;) {
      const lineEnd = this.buffer.indexOf("\r\n", pos);
      if (lineEnd < 0) return undefined;
      const size = parseInt(this.buffer.subarray(pos, lineEnd).toString("latin1"), 16);
      if (!Number.isFinite(size)) throw new Error("bad chunk size in response");
      if (this.buffer.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      pos = lineEnd + 2 + size + 2;
      if (size === 0) return { body: Buffer.concat(parts), next: pos };
    }
  }
}

/** A port nobody listens on right now (the kernel's choice of a free ephemeral port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Occupies a port the way another program would; returns the closer. */
export function occupy(port: number): Promise<() => Promise<void>> {
  return new Promise((resolve, reject) => {
    const blocker = net.createServer((socket) => socket.destroy());
    blocker.once("error", reject);
    blocker.listen(port, "127.0.0.1", () => resolve(() => new Promise<void>((done) => blocker.close(() => done()))));
  });
}

/** True if something can listen on the port right now (it is released). */
export async function portIsFree(port: number): Promise<boolean> {
  try {
    const release = await occupy(port);
    await release();
    return true;
  } catch {
    return false;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds or `ms` pass. */
export async function eventually(check: () => boolean, ms = 2000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

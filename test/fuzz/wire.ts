// A raw keep-alive client that also reads chunked replies: Node answers some damaged heads
// itself (417 for an unknown Expect) with a chunked empty body, which test/support/raw-http.ts
// (Content-Length only, as our listener always sends) would leave half-read on the socket.
import * as net from "node:net";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export class Wire {
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private ended = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    socket.on("error", () => undefined); // a server may reset a connection it refused
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.ended = true;
        this.wake?.();
        resolve();
      }),
    );
  }

  static open(port: number): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => resolve(new Wire(socket)));
      socket.once("error", reject);
    });
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Writes without waiting: a server may close while a refused request is still being sent. */
  send(bytes: Buffer): void {
    if (!this.ended) this.socket.write(bytes, () => undefined);
  }

  /** The next complete reply (Content-Length, chunked, or bodiless 1xx/204/304). */
  async reply(ms: number): Promise<Reply> {
    const deadline = Date.now() + ms;
    for (;;) {
      const parsed = this.take();
      if (parsed !== undefined) return parsed;
      if (this.ended) throw new Error(`connection closed before a full reply (${this.buffer.length} bytes pending)`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

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

  private take(): Reply | undefined {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0) return undefined;
    const lines = this.buffer.subarray(0, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let pos = end + 4;
    let body = Buffer.alloc(0);
    if (headers["transfer-encoding"]?.toLowerCase() === "chunked") {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = this.buffer.indexOf("\r\n", pos);
        if (lineEnd < 0) return undefined;
        const size = parseInt(this.buffer.subarray(pos, lineEnd).toString("latin1"), 16);
        if (!Number.isFinite(size)) throw new Error("bad chunk size in reply");
        if (this.buffer.length < lineEnd + 2 + size + 2) return undefined;
        parts.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        pos = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
      body = Buffer.concat(parts);
    } else if (!(status < 200 || status === 204 || status === 304)) {
      const length = Number(headers["content-length"] ?? 0);
      if (this.buffer.length < pos + length) return undefined;
      body = this.buffer.subarray(pos, pos + length);
      pos += length;
    }
    this.buffer = Buffer.from(this.buffer.subarray(pos));
    return { status, headers, text: body.toString("utf8") };
  }
}

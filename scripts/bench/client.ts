// One simulated camera connection: a raw keep-alive socket that posts one request at a time and
// reads the reply just far enough to know it is complete and a success. Raw sockets keep the
// generator's own CPU small, which matters when it shares two cores with the server.
import { connect, type Socket } from "node:net";
import { hrNow } from "./stats";
import type { Workload } from "./workloads";

const HEADER_END = Buffer.from("\r\n\r\n");
const SUCCESS = Buffer.from("<status>success</status>");
const CHUNKED_END = Buffer.from("\r\n0\r\n\r\n");

export type ReplyOutcome = "success" | "rejected" | "error";

export interface ReplyInfo {
  outcome: ReplyOutcome;
  /** Send -> complete reply, ms. */
  latencyMs: number;
  detail?: string;
}

export class CameraConnection {
  private socket: Socket | undefined;
  private pending: Buffer = Buffer.alloc(0);
  private sentAt = 0;
  private inFlight = false;
  private closed = false;
  private readonly head: string;

  constructor(
    private readonly port: number,
    path: string,
    private readonly workload: Workload,
    private readonly onReply: (info: ReplyInfo) => void,
  ) {
    this.head =
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      "Content-Type: application/xml; charset=utf-8\r\nConnection: keep-alive\r\nContent-Length: ";
  }

  get busy(): boolean {
    return this.inFlight;
  }

  /** Writes one request; the reply arrives through `onReply`. */
  post(): void {
    if (this.closed || this.inFlight) return;
    const socket = this.socket ?? this.open();
    const w = this.workload;
    this.inFlight = true;
    this.sentAt = hrNow();
    if (!w.stamped) {
      socket.write(`${this.head}0\r\n\r\n`, "latin1");
      return;
    }
    const stamp = this.sentAt.toFixed(3);
    const length = w.prefix.length + stamp.length + w.suffix.length;
    socket.cork();
    socket.write(`${this.head}${length}\r\n\r\n`, "latin1");
    socket.write(w.prefix);
    socket.write(stamp, "latin1");
    socket.write(w.suffix);
    socket.uncork();
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect({ port: this.port, host: "127.0.0.1", noDelay: true });
    this.socket = socket;
    this.pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", () => {
      // reported through 'close'
    });
    socket.on("close", () => {
      if (this.socket === socket) this.socket = undefined;
      if (this.inFlight) this.finish("error", "connection closed before the reply");
    });
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const buf = this.pending;
    const headerEnd = buf.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = buf.toString("latin1", 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const bodyStart = headerEnd + HEADER_END.length;
    let end: number;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (length) {
      end = bodyStart + Number(length[1]);
      if (buf.length < end) return;
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const at = buf.indexOf(CHUNKED_END, bodyStart - 2);
      if (at < 0) return;
      end = at + CHUNKED_END.length;
    } else {
      end = buf.length; // no framing: whatever has come (a close follows)
    }
    const body = buf.subarray(bodyStart, end);
    this.pending = end < buf.length ? buf.subarray(end) : Buffer.alloc(0);
    if (status === 200 && body.indexOf(SUCCESS) >= 0) this.finish("success");
    else this.finish("rejected", `${head.split("\r\n")[0]} ${body.toString("utf8", 0, Math.min(body.length, 120))}`);
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.socket?.destroy();
      this.socket = undefined;
    }
  }

  private finish(outcome: ReplyOutcome, detail?: string): void {
    if (!this.inFlight) return;
    this.inFlight = false;
    this.onReply({ outcome, latencyMs: hrNow() - this.sentAt, detail });
  }
}

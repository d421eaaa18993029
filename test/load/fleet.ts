// Simulated cameras for the load tests (run in a child process, see fleet-process.ts). Each camera
// posts on its own persistent keep-alive socket, one post after another, the simulator's way.
// Camera semantics, as real cameras behave (PROTOCOL.md 1.2): a post that gets no success reply
// (refused, reset, timed out) is NOT re-sent; the camera waits `retryMs`, reconnects and goes on
// with its next event. So every id is posted at most once, and the server must deliver each
// answered id exactly once and any unanswered id at most once.
import * as http from "node:http";
import type { Socket } from "node:net";
import { defaultDevice } from "../../src/sim";
import { postBody, type PostTarget } from "../../src/sim/post";
import { loadBody } from "./bodies";

export interface FleetOptions {
  url: string;
  cameras: number;
  /** Cameras numbered from here on send NVR v2 bodies (newer firmware), still keep-alive. */
  nvrFrom?: number;
  /** Pause after each answered post. */
  gapMs: number;
  /** Pause after a failed post before the next one. */
  retryMs: number;
  timeoutMs: number;
}

export interface PostRecord {
  camera: number;
  id?: string;
  kind: string;
  ok: boolean;
  status?: number;
  error?: string;
  /** Epoch ms when the post was sent and when it was answered or failed. */
  sentAt: number;
  doneAt: number;
  /** Send to end of answer (hrtime), ms. */
  ms: number;
}

export interface FleetResult {
  records: PostRecord[];
  /** TCP connections each camera opened. */
  connections: number[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Fleet {
  private stopped = false;
  private readonly records: PostRecord[] = [];
  private readonly connections: number[] = [];
  private readonly runs: Array<Promise<void>>;

  constructor(private readonly options: FleetOptions) {
    this.runs = Array.from({ length: options.cameras }, (_, i) => this.camera(i + 1));
  }

  async stop(): Promise<FleetResult> {
    this.stopped = true;
    await Promise.all(this.runs);
    return { records: this.records, connections: this.connections };
  }

  private async camera(camera: number): Promise<void> {
    const { options } = this;
    const format = options.nvrFrom !== undefined && camera >= options.nvrFrom ? "nvr" : "ipc";
    const device = { ...defaultDevice("ipc", camera), channel: format === "nvr" ? 1 : undefined };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
    const seen = new WeakSet<Socket>();
    this.connections[camera - 1] = 0;
    const target: PostTarget = {
      url: new URL(options.url), format: "ipc", agent, timeoutMs: options.timeoutMs,
      onSocket: (socket) => {
        if (seen.has(socket)) return;
        seen.add(socket);
        socket.once("connect", () => this.connections[camera - 1]++);
      },
    };
    try {
      for (let n = 0; !this.stopped; n++) {
        const post = loadBody(format, device, String(camera * 1_000_000 + n), n);
        const sentAt = Date.now();
        const outcome = await postBody(target, Buffer.from(post.body, "utf8"));
        this.records.push({
          camera, id: post.id, kind: post.kind, ok: outcome.ok, status: outcome.status, error: outcome.error,
          sentAt, doneAt: Date.now(), ms: outcome.ms,
        });
        await sleep(outcome.ok ? options.gapMs : options.retryMs);
      }
    } finally {
      agent.destroy();
    }
  }
}

// Clients for the limit tests: a good camera that keeps posting plates on its own keep-alive
// socket, and a slow client that writes one byte per tick until done or cut off.
import { strict as assert } from "node:assert";
import type { NodeMessage } from "node-red";
import type { EventPayload } from "../../src/protocol/types";
import { RawConnection, delay, eventually } from "../support/raw-http";
import { ipcPlate } from "../support/samples";

/** Posts `CAM<n>` plates every `everyMs` until stopped; every reply must be the success reply. */
export class GoodCamera {
  readonly sent: string[] = [];
  readonly latencies: number[] = [];
  private running = true;
  private loop: Promise<void> | undefined;

  constructor(private readonly conn: RawConnection, private readonly everyMs = 100) {}

  start(): this {
    // Failures are kept for stop(): a rejection nobody awaits yet would be an unhandled one.
    this.loop = this.run().catch((err: unknown) => void (this.failure = err));
    return this;
  }

  private failure: unknown;

  private async run(): Promise<void> {
    while (this.running) {
      const plate = `CAM${this.sent.length}`;
      const started = Date.now();
      const res = await this.conn.request(ipcPlate(plate), {}, 10_000);
      assert.equal(res.status, 200, `camera post ${plate}`);
      this.latencies.push(Date.now() - started);
      this.sent.push(plate);
      await delay(this.everyMs);
    }
  }

  /** Stops posting and checks that every post was delivered to the flow, in order, on one socket. */
  async stop(messages: NodeMessage[], maxLatencyMs: number): Promise<void> {
    await eventually(() => this.sent.length >= 3 || this.failure !== undefined, 5000, "three camera posts");
    this.running = false;
    await this.loop;
    if (this.failure !== undefined) throw this.failure;
    const plates = (): string[] =>
      messages.map((m) => (m.payload as EventPayload).plate?.number ?? "").filter((p) => p.startsWith("CAM"));
    await eventually(() => plates().length >= this.sent.length, 3000, "the camera's events");
    assert.deepEqual(plates(), this.sent, "every camera event delivered once, in order");
    assert.equal(this.conn.isClosed, false, "the camera's connection stayed open");
    const worst = Math.max(...this.latencies);
    assert.ok(worst < maxLatencyMs, `a camera reply took ${worst} ms`);
  }
}

export interface Dribble {
  /** Resolves with the bytes written when the data ran out or the socket closed. */
  done: Promise<number>;
  /** When the first byte was written. */
  startedAt: number;
}

/** Writes `data` one byte every `tickMs` (the first at once) until it is all sent or the socket closes. */
export function dribble(conn: RawConnection, data: Buffer, tickMs = 1000): Dribble {
  const startedAt = Date.now();
  const done = (async () => {
    let written = 0;
    while (written < data.length && !conn.isClosed) {
      try {
        await conn.write(data.subarray(written, written + 1));
      } catch {
        break; // reset by the server
      }
      written++;
      await Promise.race([delay(tickMs), conn.closed]);
    }
    return written;
  })();
  return { done, startedAt };
}

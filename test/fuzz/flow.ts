// A real Node-RED flow for the HTTP fuzz and limit tests (viewtron-config + viewtron-in + helper),
// an inbox that wakes on each delivered message (polling would dominate the run time), and the
// expected outcome of a body, read from parseMessage in this process.
import { strict as assert } from "node:assert";
import type { NodeMessage } from "node-red";
import { parseMessage } from "../../src/protocol/parse";
import { ViewtronParseError } from "../../src/protocol/errors";
import type { ParsedMessage } from "../../src/protocol/types";
import { TAB, config, helper, input, load, output } from "../nodes/harness";
import { Signal } from "../support/signal";
import { assertContract } from "./contract";

export const REMOTE = "127.0.0.1";

/** Starts config + viewtron-in (every kind, images on) + a helper node on `port`. */
export async function startFlow(port: number, maxBodyMb = 5): Promise<void> {
  await load([
    TAB, config("cfg", port, { maxBody: maxBodyMb }),
    input("in", "cfg", "out", { events: true, alarmStatus: true, traject: true, connection: false, images: true }),
    output("out"),
  ]);
}

export class Inbox {
  private readonly queue: NodeMessage[] = [];
  private readonly arrived = new Signal();

  constructor(nodeId: string) {
    helper.getNode(nodeId).on("input", (msg: NodeMessage) => {
      this.queue.push(msg);
      this.arrived.notify();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** The next delivered message, in order; fails after `ms`. */
  async next(ms = 3000): Promise<NodeMessage> {
    const deadline = Date.now() + ms;
    while (this.queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message delivered within ${ms} ms`);
      await this.arrived.wait(left);
    }
    return this.queue.shift()!;
  }

  /** The next delivered message is exactly the parser's `expected`: contract, topic and payload. */
  async expect(expected: ParsedMessage, what: string): Promise<void> {
    const msg = await this.next(5000);
    const payload = msg.payload as ParsedMessage;
    assertContract(payload, { remoteAddress: REMOTE }, `${what} msg.payload`);
    assert.equal(msg.topic, expectedTopic(payload), `${what} topic`);
    assert.deepEqual(stable(payload), stable(expected), `${what}: the flow got another payload than the parser gives`);
  }
}

export type Expected =
  | { status: 400; error: ViewtronParseError }
  | { status: 200; message?: ParsedMessage }; // message: what the flow must receive (none for heartbeats / unknown documents)

/** What the listener must answer and deliver for `body` (same parser, same options as the server). */
export function expectedFor(body: Buffer): Expected {
  try {
    const parsed = parseMessage(body, { remoteAddress: REMOTE, images: true });
    return parsed.kind === "keepalive" ? { status: 200 } : { status: 200, message: parsed };
  } catch (err) {
    assert.ok(err instanceof ViewtronParseError, `parseMessage threw ${String(err)}`);
    return err.code === "unknown-document" ? { status: 200 } : { status: 400, error: err };
  }
}

/** A payload without the receive-time stamps, which differ between the server's parse and ours. */
export function stable(payload: ParsedMessage): unknown {
  if (payload.timeSource !== "received") return payload;
  const { time: _time, timestamp: _timestamp, ...rest } = payload;
  return rest;
}

/** The topic the contract gives a post from a config without a name. */
export function expectedTopic(payload: ParsedMessage): string {
  const label = (payload.device.name || REMOTE).replace(/\//g, "_");
  const category = payload.kind === "event" || payload.kind === "alarmStatus" ? payload.category : payload.kind;
  return `viewtron/${label}/${category}`;
}

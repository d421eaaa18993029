// A real Node-RED runtime (node-red-node-test-helper, as test/nodes) with the viewtron nodes and
// four test node types downstream of viewtron-in:
//   load-sink   records every message in `sink` (a module-level list, so it spans redeploys)
//   load-throw  throws from its input handler
//   load-slow   finishes each message after `delay` ms (an awaiting node: HTTP call, database)
//   load-block  busy-waits `block` ms per message (a node that blocks the event loop)
import type { EventEmitter } from "node:events";
import type { Node, NodeAPI, NodeDef, NodeInitializer, NodeMessage } from "node-red";
import { helper, type FlowNode } from "../nodes/harness";
import { defaultRegistry } from "../../src/server";
import { repoPath } from "../support/paths";
import { eventually } from "../support/raw-http";
import { idOf } from "./bodies";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VIEWTRON = ["viewtron-config.js", "viewtron-in.js"].map((file) => require(repoPath("nodes", file)) as NodeInitializer);

export interface Delivered {
  /** The post's unique id (undefined: a message without one, which no load post sends). */
  id: string | undefined;
  node: string;
  at: number;
}

export const sink = { delivered: [] as Delivered[], blocks: 0 };

type TestDef = NodeDef & { delay?: number; block?: number };

function testNodes(RED: NodeAPI): void {
  RED.nodes.registerType("load-sink", function (this: Node, def: TestDef) {
    RED.nodes.createNode(this, def);
    this.on("input", (msg: NodeMessage) => sink.delivered.push({ id: idOf(msg.payload), node: this.id, at: Date.now() }));
  });
  RED.nodes.registerType("load-throw", function (this: Node, def: TestDef) {
    RED.nodes.createNode(this, def);
    this.on("input", () => {
      throw new Error("load-throw: downstream failure");
    });
  });
  RED.nodes.registerType("load-slow", function (this: Node, def: TestDef) {
    RED.nodes.createNode(this, def);
    const pending = new Set<NodeJS.Timeout>();
    this.on("input", (_msg: NodeMessage, _send: unknown, done: () => void) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        done();
      }, def.delay ?? 0);
      pending.add(timer);
    });
    this.on("close", () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    });
  });
  RED.nodes.registerType("load-block", function (this: Node, def: TestDef) {
    RED.nodes.createNode(this, def);
    this.on("input", () => {
      sink.blocks++;
      const until = Date.now() + (def.block ?? 0);
      while (Date.now() < until) {
        // blocking on purpose
      }
    });
  });
}

export async function loadFlow(flow: FlowNode[]): Promise<void> {
  await helper.load([...VIEWTRON, testNodes as NodeInitializer], flow as Parameters<typeof helper.load>[1]);
}

export function testNode(id: string, type: "load-sink" | "load-throw" | "load-slow" | "load-block", props: Record<string, unknown> = {}): FlowNode {
  return { id, type, z: "tab", name: "", wires: [], ...props };
}

/** Ids delivered to one sink node, counted. */
export function deliveredCounts(node: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of sink.delivered) {
    if (d.node === node && d.id !== undefined) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
  }
  return counts;
}

/** Node-RED's runtime event bus (flows:stopping, flows:started, ...), shared by every flow. */
export function runtimeEvents(): EventEmitter {
  return (helper as unknown as { _events: EventEmitter })._events;
}

/** Resolves once the camera port listens (after a load or a redeploy). */
export function waitListening(port: number, ms = 3000): Promise<void> {
  return eventually(() => defaultRegistry.stats(port)?.state === "listening", ms, `port ${port} listening`);
}

/** Prints a measurement line when VIEWTRON_REPORT_TIMINGS is set (as the other timing tests do). */
export function report(line: string): void {
  if (process.env.VIEWTRON_REPORT_TIMINGS) console.log(`      ${line}`);
}

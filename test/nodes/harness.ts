// A real Node-RED runtime (node-red-node-test-helper) with viewtron-config + viewtron-in loaded
// through their shipped entry files (nodes/*.js), and recorders for messages, status and errors.
import type { EventEmitter } from "node:events";
import helper from "node-red-node-test-helper";
import type { Node, NodeInitializer, NodeMessage, NodeStatus } from "node-red";
import { repoPath } from "../support/paths";
import { redPath } from "../support/red";
import { eventually } from "../support/raw-http";

helper.init(redPath());

// eslint-disable-next-line @typescript-eslint/no-require-imports
const NODES = ["viewtron-config.js", "viewtron-in.js"].map((file) => require(repoPath("nodes", file)) as NodeInitializer);

export type FlowNode = { id: string; type: string; [key: string]: unknown };
export type Creds = Record<string, { user?: string; password?: string; cameraUser?: string; cameraPassword?: string }>;

export { helper };

export async function load(flow: FlowNode[], credentials: Creds = {}): Promise<void> {
  await helper.load(NODES, flow as Parameters<typeof helper.load>[1], credentials as Parameters<typeof helper.load>[2]);
}

export function config(id: string, port: number | string, props: Record<string, unknown> = {}): FlowNode {
  return { id, type: "viewtron-config", name: "", port, path: "/API", bind: "127.0.0.1", maxBody: 5, watchdog: 300, ...props };
}

export function input(id: string, configId: string, out: string, props: Record<string, unknown> = {}): FlowNode {
  return {
    id, type: "viewtron-in", z: "tab", name: "", config: configId, events: true, alarmStatus: true, traject: false,
    connection: false, images: true, raw: false, wires: [[out]], ...props,
  };
}

export function output(id: string): FlowNode {
  return { id, type: "helper", z: "tab" };
}

export const TAB: FlowNode = { id: "tab", type: "tab", label: "test" };

/** Messages arriving at a helper node. */
export function collect(id: string): NodeMessage[] {
  const messages: NodeMessage[] = [];
  helper.getNode(id).on("input", (msg: NodeMessage) => messages.push(msg));
  return messages;
}

export interface Watched {
  statuses: NodeStatus[];
  errors: unknown[][];
  warnings: unknown[];
  last(): NodeStatus | undefined;
}

interface SpyCall {
  args: unknown[];
}

/** Status, error and warn calls of a node (the helper re-emits them as `call:<method>`). */
export function watch(id: string): Watched {
  const node: Node = helper.getNode(id);
  const watched: Watched = { statuses: [], errors: [], warnings: [], last: () => watched.statuses.at(-1) };
  // Calls made before we listened (in the constructor) are on the helper's prototype spies.
  const earlier = (method: "status" | "error" | "warn"): SpyCall[] =>
    (node[method] as unknown as { getCalls(): Array<SpyCall & { thisValue: unknown }> }).getCalls().filter((c) => c.thisValue === node);
  for (const call of earlier("status")) watched.statuses.push(call.args[0] as NodeStatus);
  for (const call of earlier("error")) watched.errors.push(call.args);
  for (const call of earlier("warn")) watched.warnings.push(call.args[0]);
  const events = node as unknown as EventEmitter;
  events.on("call:status", (call: SpyCall) => watched.statuses.push(call.args[0] as NodeStatus));
  events.on("call:error", (call: SpyCall) => watched.errors.push(call.args));
  events.on("call:warn", (call: SpyCall) => watched.warnings.push(call.args[0]));
  return watched;
}

export function waitStatus(watched: Watched, fill: string, text?: string, ms = 2000): Promise<void> {
  return eventually(() => {
    const last = watched.last();
    return last?.fill === fill && (text === undefined || last.text === text);
  }, ms, `status ${fill} ${text ?? ""}`);
}

export function waitFor<T>(list: T[], count: number, ms = 2000): Promise<void> {
  return eventually(() => list.length >= count, ms, `${count} items`);
}

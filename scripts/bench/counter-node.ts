// `bench-count`: a tiny Node-RED node type for the benchmark flow. Counts every message it gets
// and records send -> delivery latency from `payload.extra.benchSent` (set by the load generator).
// Loaded by Node-RED from a temporary nodes folder whose .js file re-exports this module.
import type { Node, NodeAPI, NodeDef, NodeMessage } from "node-red";
import { recorder, sentTimeOf } from "./stats";

export const COUNTER_TYPE = "bench-count";

interface StampedPayload {
  extra?: { benchSent?: unknown };
}

export default function register(RED: NodeAPI): void {
  function BenchCountNode(this: Node, def: NodeDef): void {
    RED.nodes.createNode(this, def);
    this.on("input", (msg: NodeMessage, _send: unknown, done: () => void) => {
      const payload = msg.payload as StampedPayload | undefined;
      recorder.delivered(sentTimeOf(payload?.extra?.benchSent));
      done();
    });
  }
  RED.nodes.registerType(COUNTER_TYPE, BenchCountNode);
}

/** The editor half Node-RED insists on (a .html beside the .js). */
export const COUNTER_HTML = `<script type="text/javascript">
RED.nodes.registerType("${COUNTER_TYPE}", { category: "function", color: "#ddd", defaults: { name: { value: "" } },
  inputs: 1, outputs: 0, label: function () { return this.name || "bench count"; } });
</script>
`;

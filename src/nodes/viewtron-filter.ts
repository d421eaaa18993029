// viewtron-filter: routes Viewtron messages by rules; output 1 matches, optional output 2 the rest.
// Messages that are not of our contract pass through output 1 unchanged.
import type { Node, NodeAPI, NodeDef, NodeMessage } from "node-red";
import { compileRules, isViewtronPayload, RuleError, type Predicate, type RuleConfig } from "../filter/rules";
import { dedupeKey, Deduper, type DedupeMode } from "../filter/dedupe";

interface FilterDef extends NodeDef {
  rules?: RuleConfig[];
  otherwise?: boolean;
  dedupe?: DedupeMode;
  dedupeSeconds?: number | string;
}

const DEDUPE_MODES: DedupeMode[] = ["none", "plate", "target", "device-category"];

export default function register(RED: NodeAPI): void {
  function ViewtronFilterNode(this: Node, def: FilterDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const otherwise = def.otherwise === true;
    const mode: DedupeMode = DEDUPE_MODES.includes(def.dedupe as DedupeMode) ? (def.dedupe as DedupeMode) : "none";
    const windowMs = Math.max(0, Number(def.dedupeSeconds) || 0) * 1000;
    // One window per output: a flood of unknown plates is as unwelcome as a flood of known ones.
    const deduped = [new Deduper(windowMs), new Deduper(windowMs)];
    const counts = { passed: 0, other: 0, dropped: 0 };

    let matches: Predicate | undefined;
    try {
      matches = compileRules(Array.isArray(def.rules) ? def.rules : []);
    } catch (err) {
      const reason = err instanceof RuleError ? err.message : String(err);
      node.error(RED._("viewtron-filter.errors.invalid-rule", { reason }));
      node.status({ fill: "red", shape: "ring", text: RED._("viewtron-filter.status.invalid") });
    }

    const showStatus = (): void => {
      node.status({
        fill: "green",
        shape: "dot",
        text: RED._("viewtron-filter.status.counts", counts),
      });
    };

    node.on("input", (msg: NodeMessage, send, done) => {
      if (!matches) {
        done();
        return;
      }
      const payload = msg.payload;
      if (!isViewtronPayload(payload)) {
        send(otherwise ? [msg, null] : msg);
        done();
        return;
      }
      const now = Date.now();
      const output = matches(payload, now) ? 0 : 1;
      if (output === 1 && !otherwise) counts.dropped++;
      else if (!deduped[output].pass(dedupeKey(mode, payload), now)) counts.dropped++;
      else {
        if (output === 0) counts.passed++;
        else counts.other++;
        send(otherwise ? (output === 0 ? [msg, null] : [null, msg]) : msg);
      }
      showStatus();
      done();
    });
  }
  RED.nodes.registerType("viewtron-filter", ViewtronFilterNode);
}

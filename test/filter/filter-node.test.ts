// viewtron-filter in a real Node-RED runtime (node-red-node-test-helper).
import assert from "node:assert/strict";
import path from "node:path";
import helper from "node-red-node-test-helper";
import { repoRoot } from "../support/paths";
import { redPath } from "../support/red";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const filterNode = require(path.join(repoRoot(), "nodes", "viewtron-filter.js"));

helper.init(redPath());

interface Msg {
  payload: unknown;
  topic?: string;
}

const plate = (number: string, group?: string) => ({
  kind: "event", category: "lpr", smartType: "VEHICE", targets: [{ id: "1", type: "car" }],
  device: { name: "Gate" }, plate: group ? { number, group } : { number }, timestamp: Date.now(),
});

function flow(props: Record<string, unknown>) {
  return [
    { id: "f", type: "viewtron-filter", name: "", rules: [{ plateGroups: "whiteList" }], wires: [["out1"], ["out2"]], ...props },
    { id: "out1", type: "helper" },
    { id: "out2", type: "helper" },
  ];
}

/** Sends messages through the flow and collects what each output received. */
/** The parts of a test-helper node these tests use. */
interface TestNode {
  on(event: string, listener: (arg: never) => void): void;
  receive(msg: Msg): void;
}

async function run(props: Record<string, unknown>, inputs: unknown[]): Promise<{ first: Msg[]; second: Msg[]; status: unknown }> {
  await helper.load(filterNode, flow(props));
  const f = helper.getNode("f") as unknown as TestNode;
  const first: Msg[] = [];
  const second: Msg[] = [];
  (helper.getNode("out1") as unknown as TestNode).on("input", (m: Msg) => first.push(m));
  (helper.getNode("out2") as unknown as TestNode).on("input", (m: Msg) => second.push(m));
  let status: unknown;
  f.on("call:status", (call: { args: unknown[] }) => (status = call.args[0]));
  for (const payload of inputs) f.receive({ payload });
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { first, second, status };
}

describe("viewtron-filter node", function () {
  afterEach(async () => {
    await helper.unload();
  });

  it("routes matches to output 1 and, with otherwise on, the rest to output 2", async () => {
    const r = await run({ otherwise: true }, [plate("AB1", "whiteList"), plate("ZZ9"), plate("CD2", "blackList")]);
    assert.deepEqual(r.first.map((m) => (m.payload as { plate: { number: string } }).plate.number), ["AB1"]);
    assert.deepEqual(r.second.map((m) => (m.payload as { plate: { number: string } }).plate.number), ["ZZ9", "CD2"]);
  });

  it("drops non-matching messages when otherwise is off and counts them in the status", async () => {
    const r = await run({ otherwise: false }, [plate("AB1", "whiteList"), plate("ZZ9")]);
    assert.equal(r.first.length, 1);
    assert.equal(r.second.length, 0);
    // The test helper's RED._ returns the message key; the catalog text is checked in a full runtime.
    assert.deepEqual(r.status, { fill: "green", shape: "dot", text: "viewtron-filter.status.counts" });
  });

  it("passes messages that are not Viewtron messages through output 1 unchanged", async () => {
    const r = await run({ otherwise: true }, ["hello", { kind: "weather" }]);
    assert.deepEqual(r.first.map((m) => m.payload), ["hello", { kind: "weather" }]);
    assert.equal(r.second.length, 0);
  });

  it("de-duplicates the same plate within the window, separately per output", async () => {
    const r = await run({ otherwise: true, dedupe: "plate", dedupeSeconds: 30 }, [
      plate("AB-1", "whiteList"), plate("ab 1", "whiteList"), plate("ZZ9"), plate("zz-9"), plate("QQ1"),
    ]);
    assert.equal(r.first.length, 1);
    assert.deepEqual(r.second.map((m) => (m.payload as { plate: { number: string } }).plate.number), ["ZZ9", "QQ1"]);
  });

  it("reports an invalid rule at deploy and passes nothing", async () => {
    const r = await run({ rules: [{ plates: "/([/" }] }, [plate("AB1")]);
    assert.equal(r.first.length + r.second.length, 0);
    assert.equal((r.status as { fill?: string } | undefined)?.fill, "red");
  });
});

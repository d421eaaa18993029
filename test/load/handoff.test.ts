// A success reply means the message reached a running flow: a stop that lands between the
// hand-off and the reply (same event-loop turn, as an editor deploy can) cuts the post off instead.
import assert from "node:assert/strict";
import type { EventEmitter } from "node:events";
import { PortRegistry, type Subscription } from "../../src/server";
import { TAB, config, helper, input, type FlowNode } from "../nodes/harness";
import { RawConnection, delay, eventually, freePort } from "../support/raw-http";
import { ipcPlate } from "../support/samples";
import { listen, recorder } from "../server/harness";
import { loadFlow, sink, testNode, waitListening } from "./runtime";

describe("load: success only after a hand-off to a running flow", function () {
  this.timeout(10_000);
  let conns: RawConnection[] = [];
  let subs: Subscription[] = [];
  let loaded = false;
  const connect = async (port: number): Promise<RawConnection> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    return conn;
  };

  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    await Promise.all(subs.map((sub) => sub.close()));
    if (loaded) await helper.unload();
    conns = [];
    subs = [];
    loaded = false;
  });

  it("server: a subscription closed before the reply leaves cuts the post off; the others go on", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const staying = recorder();
    const leaving = recorder();
    subs.push(await listen(registry, { port }, staying));
    const gone = await listen(registry, { port }, leaving);
    subs.push(gone);
    leaving.subscriber.message = () => void gone.close(); // a stop in the same turn as the hand-off
    const conn = await connect(port);
    await assert.rejects(conn.request(ipcPlate("CUT1")), /closed before a full response/);
    assert.equal(staying.messages.length, 1, "the staying subscriber had it (allowed: unconfirmed, delivered once)");
    const next = await connect(port);
    assert.equal((await next.request(ipcPlate("NEXT1"))).status, 200);
    assert.equal(staying.messages.length, 2);
  });

  for (const type of ["full", "nodes"] as const) {
    it(`Node-RED: a ${type} deploy stopping the flow right after viewtron-in sent, before delivery`, async () => {
      const port = await freePort();
      const flow = (site: string): FlowNode[] => [TAB, config("cfg", port, { name: site }), input("in", "cfg", "sink"), testNode("sink", "load-sink")];
      sink.delivered.length = 0;
      await loadFlow(flow("a"));
      loaded = true;
      await waitListening(port);
      // The helper reports node.send on the next tick: still the request's I/O callback turn,
      // before Node-RED's setImmediate delivery. The deploy's stop runs right there.
      let deploy: Promise<void> | undefined;
      (helper.getNode("in") as unknown as EventEmitter).once("call:send", () => (deploy = helper.setFlows(flow("b"), type)));
      const conn = await connect(port);
      const answer = await conn.request(ipcPlate("GATE"), {}, 2000).then((res) => res.status, () => "cut");
      await eventually(() => deploy !== undefined, 1000, "deploy started");
      await deploy;
      await waitListening(port);
      await delay(50);
      const delivered = sink.delivered.length;
      // Never confirmed and lost; a full deploy drops the queued message (Node-RED), a config-only
      // deploy keeps the sink running, so it arrives although the camera was cut off.
      assert.equal(answer, "cut", `reply ${String(answer)}, delivered ${delivered}`);
      assert.equal(delivered, type === "full" ? 0 : 1);
      const again = await connect(port);
      assert.equal((await again.request(ipcPlate("AFTER"))).status, 200);
      await eventually(() => sink.delivered.length === delivered + 1, 2000, "the next post delivered");
    });
  }
});

// A camera that disconnects mid-body loses only that body: its earlier and later posts, and every
// other camera's, are delivered exactly once; nothing is delivered for the partial body, nothing
// crashes, no half-read socket stays open, and the node says so in a few lines, not one per body.
import assert from "node:assert/strict";
import { PortRegistry, defaultRegistry } from "../../src/server";
import { defaultDevice } from "../../src/sim";
import { TAB, config, helper, input, watch } from "../nodes/harness";
import { RawConnection, delay, eventually, freePort, requestBytes } from "../support/raw-http";
import { listen, recorder } from "../server/harness";
import { loadBody } from "./bodies";
import { FleetProcess } from "./fleet-client";
import { describeViolations, formatLatency, latencyOf, reconcile } from "./ledger";
import { deliveredCounts, loadFlow, report, sink, testNode, waitListening } from "./runtime";

const FLEET = 5;
/** How a cut-off camera leaves: after the headers, half-way, one byte short; FIN or reset. */
const CUTS = [
  { keep: 0, reset: false }, { keep: 0.5, reset: false }, { keep: -1, reset: false },
  { keep: 0.5, reset: true }, { keep: -1, reset: true },
];

describe("load: a camera that disconnects mid-body", function () {
  this.timeout(30_000);
  let fleet: FleetProcess | undefined;
  let loaded = false;
  const conns: RawConnection[] = [];

  afterEach(async () => {
    for (const conn of conns.splice(0)) conn.destroy();
    await fleet?.kill();
    fleet = undefined;
    if (loaded) await helper.unload();
    loaded = false;
  });

  it("loses only that body, while 5 other cameras keep posting", async () => {
    const port = await freePort();
    sink.delivered.length = 0;
    await loadFlow([TAB, config("cfg", port), input("in", "cfg", "sink", { traject: true }), testNode("sink", "load-sink")]);
    loaded = true;
    await waitListening(port);
    const inNode = watch("in");
    const cfgNode = watch("cfg");
    // Camera 90: whole post, cut-off post, then a whole post on a new connection; ten times.
    // Bodies made first: the JPEG encoding would otherwise block this (Node-RED's) event loop.
    const device = defaultDevice("ipc", 90);
    const posts = Array.from({ length: 10 }, (_, i) => [0, 1, 2].map((k) => loadBody("ipc", device, String(90_000_000 + i * 3 + k), 0)));
    const expected: string[] = [];
    const partial: string[] = [];
    fleet = await FleetProcess.start({ url: `http://127.0.0.1:${port}/API`, cameras: FLEET, gapMs: 10, retryMs: 25, timeoutMs: 5000 });
    for (const [i, [before, cutOff, after]] of posts.entries()) {
      const cut = CUTS[i % CUTS.length];
      const conn = await RawConnection.open(port);
      conns.push(conn);
      assert.equal((await conn.request(before.body)).status, 200);
      const bytes = requestBytes(cutOff.body);
      const bodyBytes = Buffer.byteLength(cutOff.body);
      const keep = cut.keep < 0 ? bodyBytes - 1 : Math.floor(bodyBytes * cut.keep);
      await conn.write(bytes.subarray(0, bytes.length - bodyBytes + keep));
      await delay(5);
      if (cut.reset) conn.socket.resetAndDestroy();
      else conn.destroy();
      const next = await RawConnection.open(port);
      conns.push(next);
      assert.equal((await next.request(after.body)).status, 200);
      next.destroy();
      await delay(40); // spread the cuts over the other cameras' traffic
      expected.push(before.id ?? "", after.id ?? "");
      partial.push(cutOff.id ?? "");
    }

    const { records } = await fleet.stop();
    fleet = undefined;
    const delivered = deliveredCounts("sink");
    await eventually(() => expected.every((id) => delivered.has(id)), 3000, "camera 90's whole posts").catch(() => undefined);
    await delay(50);
    const counts = deliveredCounts("sink");
    assert.deepEqual(expected.filter((id) => counts.get(id) !== 1), [], "whole posts of the cut-off camera, delivered once each");
    assert.deepEqual(partial.filter((id) => counts.has(id)), [], "partial bodies delivered");
    for (const id of [...expected, ...partial]) counts.delete(id);
    const ledger = reconcile(records, counts);
    assert.deepEqual(ledger.violations, [], describeViolations(ledger));
    assert.deepEqual(ledger.failures, {}, "the other cameras saw no failure");
    assert.ok(ledger.accepted >= 4 * FLEET, `only ${ledger.accepted} posts from the other cameras`);
    await eventually(() => defaultRegistry.stats(port)?.sockets === 0, 2000, "no socket left open").catch(() => undefined);
    assert.equal(defaultRegistry.stats(port)?.sockets, 0, "sockets still open");

    // Reported once for the address (the reason is checked below), not once per lost body.
    assert.deepEqual(inNode.errors, [], "viewtron-in errors");
    assert.deepEqual(cfgNode.warnings, ["viewtron-config.warnings.client-error"]);
    report(`mid-body cuts: 10 bodies lost, ${expected.length} whole posts of that camera delivered; ` +
      `other cameras ${ledger.accepted} accepted and delivered once, ${formatLatency(latencyOf(records))}`);
  });

  for (const cut of [{ keep: 0, reset: false }, { keep: 0.5, reset: false }, { keep: 0.5, reset: true }]) {
    const how = `${cut.reset ? "reset" : "closed"} ${cut.keep === 0 ? "after the headers" : "half-way through the body"}`;
    it(`reports a connection ${how} once per address, with what it means`, async () => {
      const registry = new PortRegistry();
      const port = await freePort();
      const rec = recorder();
      const sub = await listen(registry, { port }, rec);
      try {
        for (let i = 0; i < 3; i++) {
          const conn = await RawConnection.open(port);
          conns.push(conn);
          const body = loadBody("ipc", defaultDevice("ipc", 91), String(91_000_000 + i), 0).body;
          const bytes = requestBytes(body);
          await conn.write(bytes.subarray(0, bytes.length - Buffer.byteLength(body) + Math.floor(Buffer.byteLength(body) * cut.keep)));
          await delay(5);
          if (cut.reset) conn.socket.resetAndDestroy();
          else conn.destroy();
          await conn.closed;
        }
        await eventually(() => registry.stats(port)?.sockets === 0, 2000, "sockets closed");
        assert.deepEqual(rec.problems.map((p) => [p.code, p.message]), [["client-error", "connection ended in the middle of a post; that post is lost"]]);
        assert.equal(rec.messages.length, 0);
      } finally {
        await sub.close();
      }
    });
  }
});

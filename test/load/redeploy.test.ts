// 20 simulated cameras (a child process, keep-alive sockets, mixed IPC and NVR bodies, some with
// JPEGs) post without pause while the flow is redeployed three times: a full deploy, then a
// modified-nodes and a modified-flows deploy that each change only the config node (which owns
// the port listener); a stalled upload is open at each deploy. Semantics (see fleet.ts): every post answered with success is
// delivered exactly once; a post left unanswered (refused or reset while the port changes
// hands) may be lost, never delivered twice; cameras do not re-send, they reconnect and go on.
import assert from "node:assert/strict";
import { stat } from "node:fs";
import type { Node } from "node-red";
import { defaultRegistry } from "../../src/server";
import { TAB, config, helper, input, type FlowNode } from "../nodes/harness";
import { defaultDevice } from "../../src/sim";
import { RawConnection, delay, eventually, freePort, portIsFree, requestBytes } from "../support/raw-http";
import { loadBody } from "./bodies";
import { FleetProcess } from "./fleet-client";
import type { PostRecord } from "./fleet";
import { HandleTracker, activeResources, growth, listenerCounts } from "./leaks";
import { describeViolations, reconcile } from "./ledger";
import { deliveredCounts, loadFlow, report, runtimeEvents, sink, testNode, waitListening } from "./runtime";

const CAMERAS = 20;

/** Resumes inside the poll phase, right after an fs callback. */
const ioCallback = (): Promise<void> => new Promise((resolve) => stat(__filename, () => resolve()));
const cameraOf = (id: string): number => Math.floor(Number(id) / 1_000_000);

/** Resolves once every camera has had `count` posts delivered after `since` (epoch ms). */
function everyCameraDelivered(since: number, count: number, ms = 8000): Promise<void> {
  return eventually(() => {
    const per = new Array<number>(CAMERAS + 1).fill(0);
    for (const d of sink.delivered) if (d.at >= since && d.id !== undefined) per[cameraOf(d.id)]++;
    return per.slice(1).every((n) => n >= count);
  }, ms, `${count} deliveries from every camera`);
}

interface Redeploy {
  type: "full" | "nodes" | "flows";
  stopping: number;
  stopped: number;
  started: number;
}

describe("load: 20 cameras while the flow is redeployed three times", function () {
  this.timeout(60_000);
  let fleet: FleetProcess | undefined;
  let loaded = false;

  afterEach(async () => {
    await fleet?.kill();
    fleet = undefined;
    if (loaded) await helper.unload();
    loaded = false;
  });

  it("delivers every accepted post exactly once, closes fast, leaks nothing and frees the port", async () => {
    const port = await freePort();
    const flow = (site: string): FlowNode[] => [
      TAB,
      config("cfg", port, { name: site }),
      input("in", "cfg", "sink", { traject: true }),
      testNode("sink", "load-sink"),
    ];
    // Warm-up: Node-RED adds some listeners once per process on its first load; they belong in the baseline.
    await loadFlow([TAB]);
    await helper.unload();
    const events = runtimeEvents();
    const processBefore = listenerCounts(process);
    const eventsBefore = listenerCounts(events);
    const resourcesBefore = activeResources();
    const tracker = new HandleTracker().start();
    sink.delivered.length = 0;
    try {
      await loadFlow(flow("site-0"));
      loaded = true;
      await waitListening(port);
      const eventsLoaded = listenerCounts(events);
      fleet = await FleetProcess.start({ url: `http://127.0.0.1:${port}/API`, cameras: CAMERAS, nvrFrom: 17, gapMs: 20, retryMs: 25, timeoutMs: 5000 });
      await everyCameraDelivered(0, 10);

      const redeploys: Redeploy[] = [];
      const types = ["full", "nodes", "flows"] as const;
      const uploads = types.map((_, i) => requestBytes(loadBody("ipc", defaultDevice("ipc", 99), String(99_000_000 + i), 0).body));
      for (const [i, type] of types.entries()) {
        const oldConfig: Node = helper.getNode("cfg");
        const oldInput: Node = helper.getNode("in");
        const at: Partial<Redeploy> = { type };
        // A camera half-way through a big upload when the deploy comes: cut at once, never delivered.
        const stalled = await RawConnection.open(port);
        const upload = uploads[i];
        await stalled.write(upload.subarray(0, upload.length >> 1));
        events.once("flows:stopping", () => (at.stopping = Date.now()));
        events.once("flows:stopped", () => (at.stopped = Date.now()));
        events.once("flows:started", () => (at.started = Date.now()));
        // full: the whole flow restarts; nodes/flows: only the changed config node and the node using it.
        // Started from an I/O callback, as the editor's deploy (HTTP, then a file write) is: the stop
        // then runs in the same event-loop turn as camera posts (see success-after-handoff.ts).
        await ioCallback();
        await helper.setFlows(flow(`site-${i + 1}`), type);
        await waitListening(port);
        assert.equal(await stalled.closesWithin(500), true, `${type}: the stalled upload was cut`);
        const done = at as Redeploy;
        redeploys.push(done);
        assert.notEqual(helper.getNode("cfg"), oldConfig, `${type}: the config node was restarted`);
        assert.notEqual(helper.getNode("in"), oldInput, `${type}: viewtron-in was restarted with its config`);
        assert.ok(done.stopped - done.stopping < 2000, `${type} redeploy: closing took ${done.stopped - done.stopping} ms`);
        // The old server and its sockets are gone: one listening server, at most a socket per camera.
        assert.equal(tracker.open().TCPSERVERWRAP, 1, "servers after the redeploy");
        assert.ok((defaultRegistry.stats(port)?.sockets ?? 0) <= CAMERAS, "sockets after the redeploy");
        await everyCameraDelivered(done.started, 10);
        assert.deepEqual(growth(eventsLoaded, listenerCounts(events)), [], `${type}: runtime event listeners`);
      }

      const { records, connections } = await fleet.stop();
      fleet = undefined;
      const accepted = records.filter((r) => r.ok && r.id !== undefined).length;
      await eventually(() => sink.delivered.length >= accepted, 5000, "accepted posts delivered").catch(() => undefined);
      await delay(50); // a late duplicate would show up here
      const unidentified = sink.delivered.filter((d) => d.id === undefined).length;
      const ledger = reconcile(records, deliveredCounts("sink"), unidentified);
      assert.deepEqual(ledger.violations, [], describeViolations(ledger));
      assert.ok(ledger.accepted > 500, `only ${ledger.accepted} posts accepted`);
      for (const r of redeploys) assertStraddles(records, r);
      // Each deploy cut every camera's socket and each camera reconnected: 1 + 3 connections at least.
      assert.ok(connections.every((n) => n >= 1 + types.length), `connections per camera: ${connections.join(",")}`);
      const unexpected = Object.keys(ledger.failures).filter((reason) => !/^(ECONNREFUSED|ECONNRESET|EPIPE|socket hang up)$/.test(reason));
      assert.deepEqual(unexpected, [], `failures other than the redeploy gap: ${JSON.stringify(ledger.failures)}`);

      const closing = Date.now();
      await helper.unload();
      loaded = false;
      const unloadMs = Date.now() - closing;
      assert.ok(unloadMs < 2000, `final close took ${unloadMs} ms`);
      assert.equal(defaultRegistry.stats(port), undefined, "the registry forgot the port");
      assert.equal(await portIsFree(port), true, "a plain net server can bind the port");

      assert.deepEqual(await tracker.settle(3000), {}, `handles created during the test and still open:\n${tracker.origins()}`);
      const resourceGrowth = growth(resourcesBefore, activeResources()).filter((g) => /^(TCP|Timeout|Pipe|Process)/.test(g));
      assert.deepEqual(resourceGrowth, [], "active resources");
      assert.deepEqual(growth(processBefore, listenerCounts(process)), [], "process listeners");
      assert.deepEqual(growth(eventsBefore, listenerCounts(events)), [], "runtime event listeners after unload");

      report(`${ledger.sent} posts (${ledger.heartbeats} heartbeats besides), ${ledger.accepted} accepted and delivered once, ` +
        `${ledger.unanswered} unanswered (${ledger.unansweredDelivered} of them delivered): ${JSON.stringify(ledger.failures)}`);
      for (const r of redeploys) report(`${r.type} redeploy: close ${r.stopped - r.stopping} ms, restart ${r.started - r.stopped} ms, ${failedAround(records, r)} posts failed`);
      report(`final close ${unloadMs} ms; connections per camera ${Math.min(...connections)}-${Math.max(...connections)}`);
    } finally {
      tracker.stop();
    }
  });
});

/** Posts were accepted just before and after the redeploy, so it really happened under load. */
function assertStraddles(records: readonly PostRecord[], r: Redeploy): void {
  const before = records.filter((p) => p.ok && p.doneAt <= r.stopping && p.doneAt > r.stopping - 500).length;
  const after = records.filter((p) => p.ok && p.sentAt >= r.started && p.sentAt < r.started + 500).length;
  assert.ok(before > 0 && after > 0, `${r.type}: ${before} accepted in the 500 ms before, ${after} after`);
}

/** Posts that failed around a redeploy (refused or reset while the port changed hands). */
function failedAround(records: readonly PostRecord[], r: Redeploy): number {
  return records.filter((p) => !p.ok && p.doneAt >= r.stopping - 100 && p.doneAt <= r.started + 500).length;
}

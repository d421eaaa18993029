// Faulty flow nodes downstream of viewtron-in: one that throws on every message and one that
// takes two seconds per message must not delay the cameras' replies or touch other cameras; a node
// that blocks the event loop cannot delay the reply to the post that triggered it (the reply
// leaves first), only posts arriving while it blocks, and nothing is lost. Node-RED stays up.
import assert from "node:assert/strict";
import { ServerResponse } from "node:http";
import { TAB, config, helper, input, watch, type FlowNode } from "../nodes/harness";
import { RawConnection, delay, eventually, freePort } from "../support/raw-http";
import { ipcPlate } from "../support/samples";
import { FleetProcess } from "./fleet-client";
import type { FleetOptions, FleetResult } from "./fleet";
import { describeViolations, formatLatency, latencyOf, reconcile, type Latency } from "./ledger";
import { deliveredCounts, loadFlow, report, sink, testNode, waitListening } from "./runtime";

const SLOW_MS = 2000;
/** Latency of the steady state: the first 300 ms (connects, warm-up) left out. */
const steady = (result: FleetResult): Latency => {
  const first = Math.min(...result.records.map((r) => r.sentAt));
  return latencyOf(result.records.filter((r) => r.sentAt >= first + 300));
};

describe("load: throwing, slow and blocking nodes downstream", function () {
  this.timeout(40_000);
  let fleet: FleetProcess | undefined;
  let loaded = false;
  let port: number;

  const flow = (extra: FlowNode[]): FlowNode[] => [
    TAB,
    config("cfg", port),
    input("in", "cfg", "sink", { traject: true, wires: [["sink", ...extra.map((n) => n.id)]] }),
    testNode("sink", "load-sink"),
    ...extra,
  ];

  /** A fresh runtime with this flow (a full deploy that rewires makes Node-RED 4 log a TypeError). */
  async function start(extra: FlowNode[]): Promise<void> {
    if (loaded) await helper.unload();
    await loadFlow(flow(extra));
    loaded = true;
    await waitListening(port);
  }

  /** Runs a fleet for `ms`, then checks exactly-once delivery to the sink and no failed post. */
  async function drive(options: Omit<FleetOptions, "url" | "retryMs" | "timeoutMs">, ms: number): Promise<FleetResult> {
    sink.delivered.length = 0;
    fleet = await FleetProcess.start({ ...options, url: `http://127.0.0.1:${port}/API`, retryMs: 25, timeoutMs: 5000 });
    await delay(ms);
    const result = await fleet.stop();
    fleet = undefined;
    const accepted = result.records.filter((r) => r.ok && r.id !== undefined).length;
    await eventually(() => sink.delivered.length >= accepted, 5000, "deliveries").catch(() => undefined);
    await delay(30);
    const ledger = reconcile(result.records, deliveredCounts("sink"));
    assert.deepEqual(ledger.violations, [], describeViolations(ledger));
    assert.deepEqual(ledger.failures, {}, "failed posts");
    assert.ok(ledger.accepted > 0);
    return result;
  }

  beforeEach(async () => {
    port = await freePort();
  });

  afterEach(async () => {
    await fleet?.kill();
    fleet = undefined;
    if (loaded) await helper.unload();
    loaded = false;
  });

  it("a node that throws and one that takes 2 s per message: replies stay fast, nothing lost", async () => {
    await start([]);
    const base = steady(await drive({ cameras: 10, gapMs: 20 }, 1500));

    const faulty = [testNode("thrower", "load-throw"), testNode("slow", "load-slow", { delay: SLOW_MS })];
    await start(faulty);
    const thrower = watch("thrower");
    const worse = steady(await drive({ cameras: 10, gapMs: 20 }, 1500));
    // Bounds loose enough for a busy CI machine (the thrower's error logging costs CPU), far below
    // what waiting for the slow node would cost.
    assert.ok(worse.max < SLOW_MS / 2, `a reply waited for the slow node: ${formatLatency(worse)}`);
    assert.ok(worse.p50 < base.p50 + 100, `replies slowed down: ${formatLatency(worse)} against ${formatLatency(base)}`);
    // Node-RED caught every throw and reported it as the node's error; it keeps running.
    await eventually(() => thrower.errors.length >= sink.delivered.length, 3000, "one error per message");
    const camera = await RawConnection.open(port);
    try {
      assert.equal((await camera.request(ipcPlate("STILL1"))).status, 200);
    } finally {
      camera.destroy();
    }
    report(`10 cameras, sink only: ${formatLatency(base)}`);
    report(`10 cameras, + throwing node + ${SLOW_MS} ms node: ${formatLatency(worse)}, ${thrower.errors.length} errors caught`);
  });

  it("a node that blocks the event loop: the reply to its own post leaves before the block", async () => {
    await start([testNode("block", "load-block", { block: 200 })]);
    // One camera, the next post after the block is over. Each reply must be written before the
    // block its post causes: checked in order of calls (wall-clock latency is reported only, as
    // other processes on a busy machine stretch it).
    const order: string[] = [];
    const end = ServerResponse.prototype.end;
    ServerResponse.prototype.end = function (this: ServerResponse, ...args: Parameters<typeof end>) {
      order.push(`reply before block ${sink.blocks + 1}`);
      return end.apply(this, args);
    } as typeof end;
    let alone: Latency;
    try {
      sink.blocks = 0;
      alone = latencyOf((await drive({ cameras: 1, gapMs: 300 }, 1800)).records);
    } finally {
      ServerResponse.prototype.end = end;
    }
    assert.ok(sink.blocks >= 3, `${sink.blocks} blocks`);
    for (let k = 1; k <= sink.blocks; k++) assert.ok(order.includes(`reply before block ${k}`), `no reply before block ${k}: ${order.join(", ")}`);

    await start([testNode("block", "load-block", { block: 50 })]);
    // Four cameras: posts arriving during a block wait for it (one thread), and are not lost.
    const shared = steady(await drive({ cameras: 4, gapMs: 150 }, 1500));
    assert.ok(shared.p50 < 500, `replies waited far longer than the blocks: ${formatLatency(shared)}`);
    report(`1 camera, 200 ms blocking node: ${formatLatency(alone)}`);
    report(`4 cameras, 50 ms blocking node: ${formatLatency(shared)}`);
  });
});

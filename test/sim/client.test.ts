// The simulated camera against a loopback server: one socket per IPC camera, NVR transport,
// rate, heartbeats, failure detection, several cameras and scenarios.
import assert from "node:assert/strict";
import { parseMessage } from "../../src/protocol/parse";
import { runSimulation, type PostReport, type SimulationOptions } from "../../src/sim/client";
import { generatorFeed, scenarioFeed } from "../../src/sim/feed";
import { startLoopback, type Loopback, type Responder } from "./loopback";

describe("sim client", function () {
  this.timeout(10000);
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const serve = async (respond?: Responder, keepAliveTimeoutMs?: number): Promise<Loopback> =>
    (server = await startLoopback(respond, keepAliveTimeoutMs));
  const run = (s: Loopback, options: Partial<SimulationOptions>): ReturnType<typeof runSimulation> =>
    runSimulation({ url: s.url, feed: generatorFeed({ type: "VEHICE" }), ...options });

  it("posts N bodies one after another over ONE persistent connection", async () => {
    const s = await serve();
    const summary = await run(s, { count: 12 });
    assert.equal(s.connections, 1);
    assert.equal(summary.connections, 1);
    assert.equal(s.requests.length, 12);
    assert.deepEqual([summary.sent, summary.ok, summary.failed], [12, 12, 0]);
    assert.ok(s.requests.every((r) => r.connection === 1));
    const first = s.requests[0];
    assert.equal(first.method, "POST");
    assert.equal(first.target, "/API");
    assert.equal(first.headers["content-type"], "application/xml; charset=utf-8");
    assert.equal(first.headers.connection, "keep-alive");
    assert.equal(first.headers["content-length"], String(first.body.length));
    assert.equal(first.headers.authorization, undefined);
    // Fresh plates per post, every body a plate event.
    const plates = s.requests.map((r) => {
      const p = parseMessage(r.body);
      return p.kind === "event" ? p.plate?.number : undefined;
    });
    assert.equal(new Set(plates).size, 12);
    assert.ok(summary.latencyMs.p50 > 0 && summary.latencyMs.p99 >= summary.latencyMs.p50);
  });

  it("NVR mode: absolute-form target, soap content type, Connection: close, a connection per post", async () => {
    const s = await serve();
    const summary = await run(s, { format: "nvr", count: 3, feed: generatorFeed({ format: "nvr", type: "regionIntrusion" }) });
    assert.equal(summary.ok, 3);
    assert.equal(s.connections, 3);
    for (const r of s.requests) {
      assert.equal(r.target, `http://127.0.0.1:${s.port}/API`);
      assert.equal(r.headers["content-type"], "application/soap+xml; charset=utf-8");
      assert.equal(r.headers.connection, "close");
      assert.equal(parseMessage(r.body).format, "nvr-v2");
    }
  });

  it("respects the rate roughly", async () => {
    const s = await serve();
    const started = Date.now();
    const summary = await run(s, { count: 6, rate: 20 });
    const elapsed = Date.now() - started;
    assert.equal(summary.ok, 6);
    // 6 posts at 20/s: the last leaves 250 ms after the first.
    assert.ok(elapsed >= 240 && elapsed < 1500, `${elapsed} ms`);
  });

  it("counts an HTTP 500 and a wrong body as failures", async () => {
    let n = 0;
    const s = await serve(() => (++n === 2 ? { status: 500, body: "oops" } : n === 3 ? { status: 200, body: "<status>failed</status>" } : { status: 200, body: "<config><status>success</status></config>" }));
    const reports: PostReport[] = [];
    const summary = await run(s, { count: 4, onPost: (r) => reports.push(r) });
    assert.deepEqual([summary.sent, summary.ok, summary.failed], [4, 2, 2]);
    assert.equal(reports[1].outcome.status, 500);
    assert.equal(reports[1].outcome.error, "HTTP 500");
    assert.equal(reports[2].outcome.error, "not the success reply");
    assert.deepEqual(summary.errors, { "HTTP 500": 1, "not the success reply": 1 });
    assert.equal(summary.unreachable, false);
  });

  it("reports an unreachable server and stops", async () => {
    const s = await serve();
    const url = s.url;
    await s.close();
    server = undefined;
    const summary = await runSimulation({ url, feed: generatorFeed({}), count: 50, cameras: 2 });
    assert.equal(summary.unreachable, true);
    assert.equal(summary.ok, 0);
    assert.ok(summary.sent <= 4, `${summary.sent} posts tried`);
    assert.equal(summary.connections, 0);
  });

  it("sends heartbeats at the interval on the same connection, and Basic credentials", async () => {
    const s = await serve();
    const summary = await run(s, {
      count: 1, heartbeatSec: 0.05, durationSec: 0.4, linger: true, user: "admin", password: "sécret",
    });
    assert.equal(summary.failed, 0);
    assert.ok(summary.heartbeats >= 4 && summary.heartbeats <= 9, `${summary.heartbeats} heartbeats`);
    assert.equal(s.connections, 1);
    const beats = s.requests.filter((r) => r.body.length === 0);
    assert.equal(beats.length, summary.heartbeats);
    const expected = "Basic " + Buffer.from("admin:sécret").toString("base64");
    assert.ok(s.requests.every((r) => r.headers.authorization === expected));
  });

  it("reconnects when the server drops the idle keep-alive socket", async () => {
    const s = await serve(undefined, 50);
    const summary = await run(s, { count: 3, rate: 6 }); // ~170 ms apart, idle timeout 50 ms
    assert.equal(summary.ok, 3);
    assert.equal(s.connections, 3);
  });

  it("runs several cameras at once, each with its own identity and connection", async () => {
    const s = await serve();
    const summary = await run(s, { cameras: 3, count: 4, feed: generatorFeed({ type: "PEA" }) });
    assert.equal(summary.ok, 12);
    assert.equal(s.connections, 3);
    const names = new Set(s.requests.map((r) => parseMessage(r.body).device.name));
    assert.deepEqual([...names].sort(), ["Sim Camera 1", "Sim Camera 2", "Sim Camera 3"]);
    for (let c = 1; c <= 3; c++) {
      const bodies = s.requests.filter((r) => r.connection === c).map((r) => parseMessage(r.body).device.name);
      assert.equal(new Set(bodies).size, 1, "one camera per connection");
    }
  });

  it("stops at the duration and on abort", async () => {
    const s = await serve();
    const timed = await run(s, { durationSec: 0.2, rate: 50 });
    assert.ok(timed.durationMs < 1000 && timed.sent >= 3 && timed.ok === timed.sent, `${timed.sent} in ${timed.durationMs} ms`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = await run(s, { count: 1000, rate: 20, signal: controller.signal });
    assert.ok(aborted.sent < 10 && aborted.durationMs < 1000);
  });

  it("plays car-arrives in device order: traject, plate, alarm on, intrusion, alarm off", async () => {
    const s = await serve();
    const summary = await run(s, { rate: 500, feed: scenarioFeed({ name: "car-arrives", format: "ipc" }) });
    assert.equal(summary.failed, 0);
    const seen = s.requests.map((r) => {
      const p = parseMessage(r.body);
      if (p.kind === "event") return `event:${p.category}`;
      if (p.kind === "alarmStatus") return `alarm:${p.category}:${p.active ? "on" : "off"}`;
      return p.kind;
    });
    const compact = seen.filter((x, i) => x !== seen[i - 1]);
    assert.deepEqual(compact, [
      "traject", "event:lpr", "alarm:lpr:on", "traject", "event:intrusion", "alarm:intrusion:on",
      "alarm:lpr:off", "alarm:intrusion:off",
    ]);
    const plate = s.requests.map((r) => parseMessage(r.body)).find((p) => p.kind === "event");
    const traject = parseMessage(s.requests[0].body);
    assert.ok(plate?.kind === "event" && traject.kind === "traject");
    assert.equal(plate.targets[0].id, traject.targets[0].id, "the tracked car is the plate's vehicle");
  });

  it("car-arrives as an NVR: alarm status before its alarmData, no traject", async () => {
    const s = await serve();
    await run(s, { format: "nvr", rate: 500, feed: scenarioFeed({ name: "car-arrives", format: "nvr" }) });
    const seen = s.requests.map((r) => {
      const p = parseMessage(r.body);
      return p.kind === "alarmStatus" ? `alarm:${p.active ? "on" : "off"}` : p.kind === "event" ? p.smartType : p.kind;
    });
    assert.deepEqual(seen, ["vehicle", "alarm:on", "regionIntrusion", "alarm:off"]);
  });

  it("person-at-night carries night-time timestamps", async () => {
    const s = await serve();
    await run(s, { rate: 500, feed: scenarioFeed({ name: "person-at-night", format: "ipc" }) });
    const times = s.requests.map((r) => parseMessage(r.body).timestamp);
    assert.ok(times.length > 5);
    for (const t of times) assert.equal(new Date(t).getHours(), 2);
  });

  const everyCategory: Record<"ipc" | "nvr", string[]> = {
    ipc: ["face", "illegalParking", "intrusion", "lineCrossing", "loitering", "lpr", "metadata", "zoneEntry", "zoneExit"],
    nvr: ["counting", "face", "intrusion", "lineCrossing", "lpr", "metadata"],
  };
  for (const format of ["ipc", "nvr"] as const) {
    it(`mixed posts every event type of the ${format} format`, async () => {
      const s = await serve();
      const summary = await run(s, { format, rate: 1000, feed: scenarioFeed({ name: "mixed", format }) });
      assert.equal(summary.failed, 0);
      const parsed = s.requests.map((r) => parseMessage(r.body));
      const categories = new Set(parsed.flatMap((p) => (p.kind === "event" ? [p.category] : [])));
      assert.deepEqual([...categories].sort(), everyCategory[format]);
      assert.ok(parsed.some((p) => p.kind === "keepalive") && parsed.some((p) => p.kind === "alarmStatus"));
    });
  }
});

// Sharing, reference counting, prompt shutdown, port conflicts, timeouts and the watchdog.
import assert from "node:assert/strict";
import { PRODUCTION_TIMEOUTS, PortRegistry, type Subscription } from "../../src/server";
import { RawConnection, delay, eventually, freePort, occupy, portIsFree } from "../support/raw-http";
import { ipcPlate, nvrAlarm, nvrKeepalive } from "../support/samples";
import { listen, recorder } from "./harness";

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("server listener: lifecycle", function () {
  this.timeout(5000);
  let subs: Subscription[];
  let conns: RawConnection[];
  const connect = async (port: number): Promise<RawConnection> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    return conn;
  };

  beforeEach(() => {
    subs = [];
    conns = [];
  });
  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    await Promise.all(subs.map((sub) => sub.close()));
  });

  it("shares one server per port, routing by path; any-path subscribers get everything", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const api = recorder();
    const other = recorder();
    const any = recorder();
    subs.push(await listen(registry, { port, path: "/API" }, api));
    subs.push(await listen(registry, { port, path: "/SendAlarmStatus" }, other));
    subs.push(await listen(registry, { port, path: "*" }, any));
    assert.deepEqual(registry.ports(), [port]);
    const conn = await connect(port);
    assert.equal((await conn.request(nvrAlarm(true), { target: "/API" })).status, 200);
    assert.equal((await conn.request(nvrAlarm(false), { target: "/SendAlarmStatus" })).status, 200);
    assert.equal((await conn.request(nvrAlarm(false), { target: "/elsewhere" })).status, 200);
    assert.equal(api.messages.length, 1);
    assert.equal(other.messages.length, 1);
    assert.equal(any.messages.length, 3);
    assert.equal(registry.stats(port)?.routes, 3);
  });

  it("reports different credentials on one port and path as a conflict, and routes by credentials", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const a = recorder();
    const b = recorder();
    subs.push(await listen(registry, { port, auth: { user: "a", password: "1" } }, a));
    subs.push(await listen(registry, { port, auth: { user: "b", password: "2" } }, b));
    await eventually(() => a.problems.length > 0 && b.problems.length > 0, 1000, "conflict reports");
    assert.equal(a.problems[0].code, "auth-conflict");
    assert.equal(b.problems[0].code, "auth-conflict");
    const conn = await connect(port);
    assert.equal((await conn.request(nvrAlarm(true), { headers: { Authorization: basic("b", "2") } })).status, 200);
    assert.equal(a.messages.length, 0);
    assert.equal(b.messages.length, 1);
  });

  it("delivers to a device-bound subscriber only its device's posts (identity learned from heartbeats)", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const gate = recorder();
    subs.push(await listen(registry, { port, device: { mac: "58-5b-69-40-f4-0d" } }, gate));
    const other = await connect(port);
    await other.request(nvrAlarm(true, "58:5B:69:12:F0:79", "Office"));
    const camera = await connect(port);
    await camera.request(nvrKeepalive("58:5B:69:40:F4:0D"));
    await camera.request(ipcPlate("GATE1")); // no identity in the body: the socket's device
    await camera.request(nvrAlarm(true, "58:5B:69:40:F4:0D"));
    assert.deepEqual(gate.messages.map((d) => d.message.kind), ["event", "alarmStatus"]);
    assert.deepEqual(gate.changes.map((c) => c.device.key), ["mac:585b6940f40d"]);
  });

  it("reference-counts: the port lives until its last subscriber closes, then is free at once", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const first = await listen(registry, { port }, recorder());
    const second = recorder();
    const last = await listen(registry, { port }, second);
    await first.close();
    await first.close(); // idempotent
    const conn = await connect(port);
    assert.equal((await conn.request(nvrAlarm(true))).status, 200);
    assert.equal(second.messages.length, 1);
    await last.close();
    assert.equal(await conn.closesWithin(200), true);
    assert.deepEqual(registry.ports(), []);
    assert.equal(await portIsFree(port), true);
  });

  it("closes with 10 idle keep-alive sockets and a stalled upload in well under a second", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const rec = recorder();
    const sub = await listen(registry, { port }, rec);
    const idle: RawConnection[] = [];
    for (let i = 0; i < 10; i++) {
      const conn = await connect(port);
      assert.equal((await conn.request(nvrKeepalive(`58:5B:69:00:00:${String(10 + i)}`))).status, 200);
      idle.push(conn);
    }
    const stalled = await connect(port);
    await stalled.write(`POST /API HTTP/1.1\r\nHost: x\r\nContent-Length: 600000\r\n\r\n<config version="1.7">`);
    await eventually(() => registry.stats(port)?.sockets === 11, 1000, "11 sockets");
    const started = process.hrtime.bigint();
    await sub.close();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 250, `close took ${ms.toFixed(1)} ms`);
    if (process.env.VIEWTRON_REPORT_TIMINGS) console.log(`      close with 11 open sockets: ${ms.toFixed(1)} ms`);
    await Promise.all([...idle, stalled].map((conn) => conn.closed));
    assert.equal(await portIsFree(port), true);
    // And a new subscriber can take the port right away.
    const again = recorder();
    subs.push(await listen(registry, { port }, again));
    assert.equal(again.states.at(-1)?.state, "listening");
  });

  it("waits for a closing server before listening again on its port", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const sub = await listen(registry, { port }, recorder());
    const closing = sub.close();
    const next = recorder();
    subs.push(registry.subscribe({ port, bind: "127.0.0.1" }, next.subscriber));
    await closing;
    await eventually(() => next.states.some((s) => s.state === "listening"), 1000, "listening again");
    assert.equal(next.states.some((s) => s.state === "failed"), false);
  });

  it("reports a port in use by another program as a failed state, without throwing", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const release = await occupy(port);
    try {
      const rec = recorder();
      const sub = await listen(registry, { port }, rec);
      const state = sub.state();
      assert.equal(state.state, "failed");
      assert.equal(state.state === "failed" && state.error.code, "EADDRINUSE");
      assert.equal(rec.states.at(-1)?.state, "failed");
      assert.equal(rec.states.some((s) => s.state === "listening"), false);
      await sub.close();
    } finally {
      await release();
    }
  });

  it("reports a second bind address on a shared port", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    subs.push(await listen(registry, { port }, recorder()));
    const late = recorder();
    subs.push(await listen(registry, { port, bind: "0.0.0.0", allow: "not-an-ip" }, late));
    await eventually(() => late.problems.length === 2, 1000, "reports");
    assert.deepEqual(late.problems.map((p) => p.code), ["bind-conflict", "invalid-allow-entry"]);
  });

  it("uses the production timeouts: keep-alive 150 s (above the 120 s heartbeat), headers 20 s, request 60 s", async () => {
    assert.equal(PRODUCTION_TIMEOUTS.keepAliveMs, 150_000);
    assert.ok(PRODUCTION_TIMEOUTS.keepAliveMs > 120_000);
    assert.ok(PRODUCTION_TIMEOUTS.headersMs <= PRODUCTION_TIMEOUTS.requestMs);
    const registry = new PortRegistry();
    const port = await freePort();
    subs.push(await listen(registry, { port }, recorder()));
    const stats = registry.stats(port);
    assert.equal(stats?.keepAliveTimeout, 150_000);
    assert.equal(stats?.headersTimeout, 20_000);
    assert.equal(stats?.requestTimeout, 60_000);
  });

  it("keeps an idle connection past 130 s (clock scaled 1:500) and closes it after the keep-alive time", async () => {
    const scale = 500;
    const keepAliveMs = PRODUCTION_TIMEOUTS.keepAliveMs / scale;
    const registry = new PortRegistry({ keepAliveMs, checkIntervalMs: 50 });
    const port = await freePort();
    subs.push(await listen(registry, { port }, recorder()));
    const idle = await connect(port);
    const expiring = await connect(port);
    assert.equal((await idle.request(nvrKeepalive())).status, 200);
    assert.equal((await expiring.request(nvrKeepalive())).status, 200);
    const answered = Date.now();
    await delay(130_000 / scale);
    assert.equal(idle.isClosed, false);
    assert.equal((await idle.request(nvrAlarm(true))).status, 200); // the same socket, reused
    // Node (>= 20.19) adds a fixed 1 s to the socket timeout on top of keepAliveTimeout.
    assert.equal(await expiring.closesWithin(keepAliveMs + 1000 + 300), true);
    assert.ok(Date.now() - answered >= keepAliveMs, "closed before the keep-alive time");
  });

  it("cuts a stalled upload after the request timeout with 408", async () => {
    const registry = new PortRegistry({ headersMs: 200, requestMs: 300, checkIntervalMs: 50 });
    const port = await freePort();
    const rec = recorder();
    subs.push(await listen(registry, { port }, rec));
    const conn = await connect(port);
    await conn.write(`POST /API HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n<config`);
    const res = await conn.response(2000);
    assert.equal(res.status, 408);
    assert.equal(await conn.closesWithin(1000), true);
    assert.equal(rec.problems[0]?.code, "client-error");
  });

  it("watchdog over HTTP: a silent device goes down and comes back up", async () => {
    const registry = new PortRegistry();
    const port = await freePort();
    const rec = recorder();
    const sub = await listen(registry, { port, watchdogSeconds: 0.15 }, rec);
    subs.push(sub);
    const conn = await connect(port);
    await conn.request(nvrKeepalive());
    assert.equal(sub.connectedDevices().length, 1);
    await eventually(() => rec.changes.length === 2, 1000, "down");
    assert.equal(rec.changes[1].state, "down");
    assert.equal(sub.silentDevices()[0].identity.name, "Gate");
    await conn.request(nvrKeepalive());
    assert.deepEqual(rec.changes.map((c) => c.state), ["up", "down", "up"]);
    assert.equal(sub.silentDevices().length, 0);
  });
});

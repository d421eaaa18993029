// viewtron-config in a real Node-RED runtime: shared ports, security, device identity,
// redeploy with open sockets, port conflicts, keep-alive and the watchdog.
import assert from "node:assert/strict";
import type { NodeMessage } from "node-red";
import type { ConnectionPayload, EventPayload } from "../../src/protocol/types";
import { PRODUCTION_TIMEOUTS, defaultRegistry } from "../../src/server";
import { RawConnection, delay, eventually, freePort, occupy, portIsFree } from "../support/raw-http";
import { ipcPlate, nvrAlarm, nvrKeepalive } from "../support/samples";
import { TAB, collect, config, helper, input, load, output, waitFor, waitStatus, watch, type FlowNode } from "./harness";

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const plates = (messages: NodeMessage[]): Array<string | undefined> => messages.map((m) => (m.payload as EventPayload).plate?.number);

describe("viewtron-config: ports, security and lifecycle", function () {
  this.timeout(10_000);
  let port: number;
  let conns: RawConnection[];
  let loaded: boolean;
  const connect = async (to = port): Promise<RawConnection> => {
    const conn = await RawConnection.open(to);
    conns.push(conn);
    return conn;
  };
  const start = async (flow: FlowNode[], credentials = {}): Promise<void> => {
    await load(flow, credentials);
    loaded = true;
  };

  beforeEach(async () => {
    port = await freePort();
    conns = [];
    loaded = false;
  });
  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    defaultRegistry.setTimeouts();
    if (loaded) await helper.unload();
    assert.deepEqual(defaultRegistry.ports(), [], "a port stayed open after the flow stopped");
  });

  it("shows listening, then the last event, in the status", async () => {
    await start([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")]);
    const status = watch("in");
    await waitStatus(status, "green", "viewtron-in.status.listening");
    await (await connect()).request(ipcPlate("ABC123"));
    await waitStatus(status, "green", "viewtron-in.status.event");
    assert.equal(status.last()?.shape, "dot");
  });

  it("shares one port between two configs on different paths", async () => {
    await start([
      TAB, config("a", port, { path: "/API" }), config("b", port, { path: "/SendAlarmStatus" }),
      input("inA", "a", "outA"), input("inB", "b", "outB"), output("outA"), output("outB"),
    ]);
    const outA = collect("outA");
    const outB = collect("outB");
    const conn = await connect();
    await conn.request(ipcPlate("ONE"), { target: "/API" });
    await conn.request(nvrAlarm(true), { target: "/SendAlarmStatus" });
    await waitFor(outA, 1);
    await waitFor(outB, 1);
    await delay(20);
    assert.deepEqual(plates(outA), ["ONE"]);
    assert.equal(outB.length, 1);
    assert.deepEqual(defaultRegistry.ports(), [port]);
    assert.equal(defaultRegistry.stats(port)?.routes, 2);
  });

  it("reports two configs with different credentials on one port and path", async () => {
    await start(
      [TAB, config("a", port), config("b", port), input("inA", "a", "outA"), input("inB", "b", "outB"), output("outA"), output("outB")],
      { a: { user: "u1", password: "p1" }, b: { user: "u2", password: "p2" } },
    );
    const a = watch("inA");
    const b = watch("inB");
    await waitStatus(a, "red", "viewtron-in.status.auth-conflict");
    await waitStatus(b, "red", "viewtron-in.status.auth-conflict");
    const outB = collect("outB");
    assert.equal((await (await connect()).request(ipcPlate("B"), { headers: { Authorization: basic("u2", "p2") } })).status, 200);
    await waitFor(outB, 1);
  });

  it("checks basic-auth credentials from the credential store", async () => {
    await start([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")], { cfg: { user: "cam", password: "secret" } });
    const out = collect("out");
    const missing = await (await connect()).request(ipcPlate("NO"));
    assert.equal(missing.status, 401);
    assert.match(missing.headers["www-authenticate"], /^Basic realm=/);
    assert.equal((await (await connect()).request(ipcPlate("NO"), { headers: { Authorization: basic("cam", "wrong") } })).status, 401);
    assert.equal((await (await connect()).request(ipcPlate("YES"), { headers: { Authorization: basic("cam", "secret") } })).status, 200);
    await waitFor(out, 1);
    await delay(20);
    assert.deepEqual(plates(out), ["YES"]);
  });

  it("applies the allow-list (403 outside it)", async () => {
    const open = await freePort();
    await start([
      TAB, config("closed", port, { allow: "10.0.0.0/8, 192.168.1.7" }), config("open", open, { allow: "192.168.0.0/16\n127.0.0.1" }),
      input("inC", "closed", "outC"), input("inO", "open", "outO"), output("outC"), output("outO"),
    ]);
    const outO = collect("outO");
    assert.equal((await (await connect()).request(ipcPlate("NO"))).status, 403);
    assert.equal((await (await connect(open)).request(ipcPlate("YES"))).status, 200);
    await waitFor(outO, 1);
  });

  it("passes on only its device's posts when a device identity is configured", async () => {
    await start([TAB, config("cfg", port, { deviceMac: "58-5b-69-40-f4-0d", deviceName: "gate" }), input("in", "cfg", "out"), output("out")]);
    const out = collect("out");
    await (await connect()).request(nvrAlarm(true, "58:5B:69:12:F0:79", "Office"));
    const camera = await connect();
    await camera.request(nvrKeepalive("58:5B:69:40:F4:0D", "Gate"));
    await camera.request(ipcPlate("GATE"));
    await waitFor(out, 1);
    await delay(30);
    assert.deepEqual(plates(out), ["GATE"]);
  });

  it("redeploys with 10 idle keep-alive cameras and a stalled upload in well under a second; the port is reusable", async () => {
    const flow = [TAB, config("cfg", port), input("in", "cfg", "out"), output("out")];
    await start(flow);
    const cameras: RawConnection[] = [];
    for (let i = 0; i < 10; i++) {
      const conn = await connect();
      assert.equal((await conn.request(nvrKeepalive(`58:5B:69:00:00:${10 + i}`, `cam${i}`))).status, 200);
      cameras.push(conn);
    }
    const stalled = await connect();
    await stalled.write(`POST /API HTTP/1.1\r\nHost: x\r\nContent-Length: 700000\r\n\r\n<config version="1.7"><smartType>VEHICE`);
    await eventually(() => defaultRegistry.stats(port)?.sockets === 11, 1000, "11 open sockets");

    const started = process.hrtime.bigint();
    await helper.unload(); // stops every node and waits for their close handlers
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    loaded = false;
    assert.ok(ms < 500, `redeploy took ${ms.toFixed(1)} ms`);
    if (process.env.VIEWTRON_REPORT_TIMINGS) console.log(`      redeploy with 11 open sockets: ${ms.toFixed(1)} ms`);
    await Promise.all([...cameras, stalled].map((conn) => conn.closed));
    assert.equal(await portIsFree(port), true);

    await start(flow); // the cameras simply re-post on new connections
    const out = collect("out");
    assert.equal((await (await connect()).request(ipcPlate("AGAIN"))).status, 200);
    await waitFor(out, 1);
  });

  it("survives a full redeploy of changed settings without losing the port", async () => {
    await start([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")]);
    const idle = await connect();
    await idle.request(nvrKeepalive());
    await helper.setFlows([TAB, config("cfg", port, { path: "*" }), input("in", "cfg", "out"), output("out")], "full");
    assert.equal(await idle.closesWithin(500), true);
    const out = collect("out");
    assert.equal((await (await connect()).request(ipcPlate("ANY"), { target: "/whatever" })).status, 200);
    await waitFor(out, 1);
  });

  it("turns red with one error line when the port is in use, without crashing", async () => {
    const release = await occupy(port);
    try {
      await start([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")]);
      const status = watch("in");
      await waitStatus(status, "red", "viewtron-in.status.port-in-use");
      await delay(50);
      assert.deepEqual(status.errors.map((args) => args[0]), ["viewtron-in.errors.port-in-use"]);
      await helper.unload();
      loaded = false;
    } finally {
      await release();
    }
  });

  it("turns red for an invalid port and for a missing config", async () => {
    await start([TAB, config("cfg", "http"), input("in", "cfg", "out"), input("orphan", "nowhere", "out"), output("out")]);
    await waitStatus(watch("in"), "red", "viewtron-in.status.invalid-port");
    await waitStatus(watch("orphan"), "red", "viewtron-in.status.no-config");
  });

  it("runs on the production keep-alive timing (150 s)", async () => {
    await start([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")]);
    await waitStatus(watch("in"), "green");
    const stats = defaultRegistry.stats(port);
    assert.equal(stats?.keepAliveTimeout, PRODUCTION_TIMEOUTS.keepAliveMs);
    assert.equal(stats?.keepAliveTimeout, 150_000);
    const res = await (await connect()).request(nvrKeepalive());
    assert.equal(res.headers["keep-alive"], "timeout=150");
  });

  it("keeps an idle camera connection open past 130 s (clock scaled 1:500)", async () => {
    const scale = 500;
    defaultRegistry.setTimeouts({ keepAliveMs: PRODUCTION_TIMEOUTS.keepAliveMs / scale });
    await start([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")]);
    const out = collect("out");
    const camera = await connect();
    await camera.request(nvrKeepalive());
    await delay(130_000 / scale);
    assert.equal(camera.isClosed, false);
    assert.equal((await camera.request(ipcPlate("LATE"))).status, 200);
    await waitFor(out, 1);
  });

  it("watchdog: a silent device turns the status yellow and sends down, then up when it returns", async () => {
    await start([TAB, config("cfg", port, { watchdog: 0.2 }), input("in", "cfg", "out", { connection: true }), output("out")]);
    const out = collect("out");
    const status = watch("in");
    const camera = await connect();
    await camera.request(nvrKeepalive());
    await waitFor(out, 1);
    await waitStatus(status, "yellow", "viewtron-in.status.silent", 2000);
    await waitFor(out, 2);
    await camera.request(nvrKeepalive());
    await waitFor(out, 3);
    await waitStatus(status, "green");
    const states = out.map((m) => (m.payload as ConnectionPayload).state);
    assert.deepEqual(states, ["up", "down", "up"]);
    assert.deepEqual(out.map((m) => m.topic), ["viewtron/Gate/connection", "viewtron/Gate/connection", "viewtron/Gate/connection"]);
    const down = out[1].payload as ConnectionPayload;
    assert.equal(down.device.mac, "58:5B:69:40:F4:0D");
    assert.equal(down.posts, 1);
  });
});

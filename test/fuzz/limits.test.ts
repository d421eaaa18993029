// Slow clients, oversized headers and many idle connections against a real Node-RED flow, on
// small limits set through the registry (the production values are checked elsewhere and only
// scaled here): each is answered and cut off within its limit while a good camera posting every
// 100 ms on its own connection is served throughout, every event delivered.
import { strict as assert } from "node:assert";
import type { NodeMessage } from "node-red";
import { defaultRegistry } from "../../src/server";
import { MAX_HEADER_BYTES } from "../../src/server/timeouts";
import { collect, helper } from "../nodes/harness";
import { RawConnection, eventually, freePort, requestBytes } from "../support/raw-http";
import { ipcPlate, nvrKeepalive } from "../support/samples";
import { GoodCamera, dribble } from "./clients";
import { startFlow } from "./flow";
import { ProcessGuard } from "./guards";

const LIMITS = { headersMs: 1500, requestMs: 3000, keepAliveMs: 1000, checkIntervalMs: 100 };
/** Node closes an idle keep-alive socket 1 s after keepAliveTimeout (its fixed buffer, Node >= 20.19). */
const NODE_KEEPALIVE_BUFFER_MS = 1000;
/** Scheduling slack on a loaded 2-core machine, on top of the check interval. */
const SLACK_MS = 1000;
const MAX_CAMERA_LATENCY_MS = 2000;

describe("limits: slow clients, oversized headers, idle connections (real Node-RED flow)", function () {
  this.timeout(30_000);
  const guard = new ProcessGuard();
  let port: number;
  let conns: RawConnection[];
  let messages: NodeMessage[];
  let camera: GoodCamera;

  const connect = async (): Promise<RawConnection> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    return conn;
  };
  /** Asserts `elapsed` lies between the limit and the limit plus the check interval and slack. */
  const within = (elapsed: number, limit: number, what: string): void => {
    assert.ok(elapsed >= limit - 50, `${what} cut after ${elapsed} ms, before its ${limit} ms limit`);
    assert.ok(elapsed <= limit + LIMITS.checkIntervalMs + SLACK_MS, `${what} cut after ${elapsed} ms, limit ${limit} ms`);
  };

  before(() => guard.install());
  after(() => guard.uninstall());
  beforeEach(async () => {
    conns = [];
    defaultRegistry.setTimeouts(LIMITS);
    port = await freePort();
    await startFlow(port);
    messages = collect("out");
    const stats = defaultRegistry.stats(port);
    assert.deepEqual([stats?.headersTimeout, stats?.requestTimeout, stats?.keepAliveTimeout], [LIMITS.headersMs, LIMITS.requestMs, LIMITS.keepAliveMs]);
    camera = new GoodCamera(await connect()).start();
  });
  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    await helper.unload();
    defaultRegistry.setTimeouts();
    assert.deepEqual(defaultRegistry.ports(), [], "the port stayed open after the flow stopped");
    await guard.check("in this test");
  });

  it("a head sent at one byte per second is answered 408 and cut at the headers timeout", async () => {
    const slow = await connect();
    const head = requestBytes(ipcPlate("SLOW")).subarray(0, 60);
    const sending = dribble(slow, head, 1000);
    const res = await slow.response(LIMITS.headersMs + SLACK_MS + 1000);
    assert.equal(res.status, 408);
    assert.equal(res.headers.connection, "close");
    assert.equal(await slow.closesWithin(1000), true);
    within(Date.now() - sending.startedAt, LIMITS.headersMs, "slow head");
    assert.ok((await sending.done) <= 3, "the head never got far");
    await camera.stop(messages, MAX_CAMERA_LATENCY_MS);
  });

  it("a body sent at one byte per second is answered 408 and cut at the request timeout, delivering nothing", async () => {
    const slow = await connect();
    const request = requestBytes(ipcPlate("SLOWBODY"));
    const headEnd = request.indexOf("\r\n\r\n") + 4;
    await slow.write(request.subarray(0, headEnd));
    const sending = dribble(slow, request.subarray(headEnd), 1000);
    const res = await slow.response(LIMITS.requestMs + SLACK_MS + 1000);
    assert.equal(res.status, 408);
    assert.equal(await slow.closesWithin(1000), true);
    within(Date.now() - sending.startedAt, LIMITS.requestMs, "slow body");
    await sending.done;
    await camera.stop(messages, MAX_CAMERA_LATENCY_MS);
    assert.ok(!messages.some((m) => JSON.stringify(m.payload).includes("SLOWBODY")), "a cut-off body is not delivered");
  });

  it("a slow client within the limits is served: head and body in pieces over one second", async () => {
    const slow = await connect();
    const request = requestBytes(ipcPlate("PATIENT"));
    const pieces = [0, 20, 45, request.indexOf("\r\n\r\n") + 10, request.length - 5, request.length];
    for (let i = 1; i < pieces.length; i++) {
      await slow.write(request.subarray(pieces[i - 1], pieces[i]));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal((await slow.response(3000)).status, 200);
    await eventually(() => messages.some((m) => JSON.stringify(m.payload).includes("PATIENT")), 3000, "the patient client's event");
    assert.equal(slow.isClosed, false);
    await camera.stop(messages, MAX_CAMERA_LATENCY_MS);
  });

  it(`oversized headers (limit ${MAX_HEADER_BYTES} bytes) get 431 and a close, however they arrive; headers under it are served`, async () => {
    const big = "v".repeat(MAX_HEADER_BYTES + 1024);
    const heads: Array<[string, Buffer]> = [
      ["one long header", requestBytes("", { headers: { "X-Big": big } })],
      ["many small headers", requestBytes("", { headers: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`X-H${i}`, "x".repeat(24)])) })],
      ["a long request target", requestBytes("", { target: `/API?${big}` })],
    ];
    for (const [what, bytes] of heads) {
      const conn = await connect();
      conn.write(bytes).catch(() => undefined);
      const res = await conn.response(3000);
      assert.equal(res.status, 431, what);
      assert.equal(res.headers.connection, "close", what);
      assert.equal(await conn.closesWithin(1000), true, what);
    }
    // Arriving in 1 KB pieces: refused once over the limit, without waiting for the end of the head.
    const trickle = await connect();
    const head = requestBytes("", { headers: { "X-Big": big.repeat(4) } }).subarray(0, 4 * MAX_HEADER_BYTES);
    let sent = 0;
    for (; sent < head.length && !trickle.isClosed; sent += 1024) {
      await trickle.write(head.subarray(sent, sent + 1024)).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal((await trickle.response(3000)).status, 431);
    assert.equal(await trickle.closesWithin(1000), true);
    assert.ok(sent < 2 * MAX_HEADER_BYTES, `read ${sent} bytes of headers before refusing`);

    const fits = await connect();
    const res = await fits.request(ipcPlate("FITS"), { headers: { "X-Big": "v".repeat(MAX_HEADER_BYTES - 1024) } });
    assert.equal(res.status, 200);
    await eventually(() => messages.some((m) => JSON.stringify(m.payload).includes("FITS")), 3000, "the event under the header limit");
    await camera.stop(messages, MAX_CAMERA_LATENCY_MS);
  });

  it("300 idle connections are closed at their limits: silent ones 408 at the headers timeout, idle keep-alive ones at the keep-alive timeout", async () => {
    const opened = Date.now();
    const silent = await Promise.all(Array.from({ length: 150 }, async () => ({ conn: await connect(), since: Date.now() })));
    const idle: Array<{ conn: RawConnection; since: number }> = [];
    for (let i = 0; i < 150; i++) {
      const conn = await connect();
      const mac = `58:5B:69:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 0xff).toString(16).padStart(2, "0")}`;
      assert.equal((await conn.request(nvrKeepalive(mac, `idle${i}`))).status, 200);
      idle.push({ conn, since: Date.now() });
    }
    await eventually(() => (defaultRegistry.stats(port)?.sockets ?? 0) >= 301, 2000, "301 open sockets");

    const closedAt = new Map<RawConnection, number>();
    for (const { conn } of [...silent, ...idle]) void conn.closed.then(() => closedAt.set(conn, Date.now()));
    const lastDeadline = LIMITS.keepAliveMs + NODE_KEEPALIVE_BUFFER_MS + LIMITS.checkIntervalMs + SLACK_MS;
    await eventually(() => closedAt.size === 300, lastDeadline + (Date.now() - opened) + 1000, "all 300 idle connections closed");

    for (const { conn, since } of silent) {
      assert.equal((await conn.response(100)).status, 408, "a silent connection is told why");
      within(closedAt.get(conn)! - since, LIMITS.headersMs, "silent connection"); // counted from its own connect
    }
    for (const { conn, since } of idle) within(closedAt.get(conn)! - since, LIMITS.keepAliveMs + NODE_KEEPALIVE_BUFFER_MS, "idle keep-alive connection");
    await eventually(() => defaultRegistry.stats(port)?.sockets === 1, 2000, "only the camera's socket left");
    await camera.stop(messages, MAX_CAMERA_LATENCY_MS);
  });
});

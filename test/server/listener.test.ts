// The listener over real sockets: replies, request variants, heartbeats and rejections.
import assert from "node:assert/strict";
import { ServerResponse } from "node:http";
import { SUCCESS_REPLY } from "../../src/protocol/reply";
import { PortRegistry, type Subscription } from "../../src/server";
import { RawConnection, delay, eventually, freePort } from "../support/raw-http";
import {
  CONFIG_REPLY, DOCTYPE_BODY, MALFORMED_BODY, deviceInfoHeartbeat, ipc17Keepalive, ipcPlate, nvrAlarm, nvrKeepalive,
} from "../support/samples";
import { listen, recorder, type Recorded } from "./harness";

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("server listener: HTTP", function () {
  this.timeout(5000);
  let registry: PortRegistry;
  let port: number;
  let rec: Recorded;
  let subs: Subscription[];
  let conns: RawConnection[];

  const connect = async (to = port): Promise<RawConnection> => {
    const conn = await RawConnection.open(to);
    conns.push(conn);
    return conn;
  };
  const assertSuccess = (res: { status: number; headers: Record<string, string>; text: string }): void => {
    assert.equal(res.status, 200);
    assert.equal(res.text, SUCCESS_REPLY);
    assert.match(res.headers["content-type"], /^application\/xml/);
    assert.equal(res.headers["content-length"], String(Buffer.byteLength(SUCCESS_REPLY)));
  };

  beforeEach(async () => {
    registry = new PortRegistry();
    port = await freePort();
    rec = recorder();
    conns = [];
    subs = [await listen(registry, { port, path: "/API" }, rec)];
  });

  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    await Promise.all(subs.map((sub) => sub.close()));
  });

  it("replies 200 with the success document after the hand-off, before anything the subscriber queued runs", async () => {
    const order: string[] = [];
    const end = ServerResponse.prototype.end;
    ServerResponse.prototype.end = function (this: ServerResponse, ...args: Parameters<typeof end>) {
      order.push("reply");
      return end.apply(this, args);
    } as typeof end;
    rec.subscriber.message = (delivery) => {
      order.push("deliver");
      rec.messages.push(delivery);
      setImmediate(() => order.push("flow")); // how Node-RED delivers to the next node
    };
    try {
      const conn = await connect();
      assertSuccess(await conn.request(ipcPlate("ABC123"), { headers: { "Content-Type": "application/xml; charset=utf-8" } }));
    } finally {
      ServerResponse.prototype.end = end;
    }
    assert.deepEqual(order, ["deliver", "reply", "flow"]);
    const { message, remoteAddress } = rec.messages[0];
    assert.equal(message.kind, "event");
    assert.equal(message.kind === "event" && message.plate?.number, "ABC123");
    assert.equal(remoteAddress, "127.0.0.1");
    assert.equal(message.device.remoteAddress, "127.0.0.1");
  });

  it("keeps one connection for many posts, heartbeats of every form included", async () => {
    const conn = await connect();
    const bodies: Array<[string, Record<string, string | null>]> = [
      ["", {}], // IPC httpPostV2 heartbeat: empty body
      ["", { "Content-Length": null }], // no Content-Length at all
      [" \r\n\t", {}],
      [deviceInfoHeartbeat(), {}],
      [ipc17Keepalive(), {}],
      [nvrKeepalive(), {}],
      [nvrAlarm(true), {}],
    ];
    for (const [body, headers] of bodies) assertSuccess(await conn.request(body, { headers }));
    assert.equal(conn.isClosed, false);
    // Heartbeats are answered and tracked, never delivered as messages.
    assert.deepEqual(rec.messages.map((d) => d.message.kind), ["alarmStatus"]);
    const ups = rec.changes.filter((c) => c.state === "up").map((c) => c.device.key);
    assert.deepEqual(ups, ["addr:127.0.0.1", "mac:585b695a84bb", "mac:585b695a84bc", "mac:585b6940f40d"]);
    const nvr = rec.messages[0].device;
    assert.equal(nvr.posts, 2);
    assert.equal(nvr.identity.name, "Gate");
    assert.ok(nvr.intervalMs !== undefined && nvr.intervalMs >= 0);
  });

  it("accepts the NVR's absolute-form request line, no Host, Connection: close and any content type", async () => {
    const variants: Array<[string, Record<string, string | null>]> = [
      [`http://127.0.0.1:${port}/API`, { "Content-Type": "application/soap+xml; charset=utf-8", Connection: "close" }],
      ["/API", { Host: null, "Content-Type": "text/xml" }],
      ["/API?channel=2", { "Content-Type": null }],
      ["/api/", { "Content-Type": "application/xml" }],
    ];
    for (const [target, headers] of variants) {
      const conn = await connect();
      assertSuccess(await conn.request(nvrAlarm(false), { target, headers }));
      if (headers.Connection === "close") assert.equal(await conn.closesWithin(1000), true);
      else assert.equal(conn.isClosed, false);
    }
    assert.equal(rec.messages.length, variants.length);
  });

  it("reads chunked bodies and bodies arriving one byte at a time", async () => {
    const conn = await connect();
    const body = Buffer.from(ipcPlate("CHUNK1"));
    const head = `POST /API HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`;
    await conn.write(head + `${(20).toString(16)}\r\n${body.subarray(0, 20).toString()}\r\n`);
    await conn.write(`${(body.length - 20).toString(16)}\r\n${body.subarray(20).toString()}\r\n0\r\n\r\n`);
    assertSuccess(await conn.response());

    const slow = await connect();
    const bytes = Buffer.concat([Buffer.from(`POST /API HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
    for (const byte of bytes.subarray(0, 200)) await slow.write(Buffer.from([byte]));
    await slow.write(bytes.subarray(200));
    assertSuccess(await slow.response());
    assert.deepEqual(rec.messages.map((d) => d.message.kind === "event" && d.message.plate?.number), ["CHUNK1", "CHUNK1"]);
  });

  it("answers 404 for another path, once reported per cause, and closes that connection", async () => {
    for (let i = 0; i < 2; i++) {
      const conn = await connect();
      const res = await conn.request(ipcPlate("X"), { target: "/other" });
      assert.equal(res.status, 404);
      assert.equal(res.headers.connection, "close");
      assert.equal(await conn.closesWithin(1000), true);
    }
    assert.deepEqual(rec.problems.map((p) => [p.code, p.path]), [["not-found", "/other"]]);
    assert.equal(rec.messages.length, 0);
  });

  it("answers 405 with Allow: POST for other methods", async () => {
    const conn = await connect();
    const res = await conn.request("", { method: "GET", headers: { "Content-Length": null } });
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, "POST");
    assert.equal(rec.problems[0].code, "method-not-allowed");
  });

  it("answers 413 for a declared or counted body above the limit", async () => {
    const small = await freePort();
    subs.push(await listen(registry, { port: small, maxBodyBytes: 1000 }, rec));
    const declared = await connect(small);
    await declared.write(`POST /API HTTP/1.1\r\nHost: x\r\nContent-Length: 6000000\r\n\r\n`);
    const res = await declared.response();
    assert.equal(res.status, 413);
    assert.equal(res.headers.connection, "close");
    assert.equal(await declared.closesWithin(1000), true);

    const chunked = await connect(small);
    const chunk = "x".repeat(800);
    await chunked.write(`POST /API HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`);
    await chunked.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    assert.equal((await chunked.response()).status, 413);
    assert.equal(rec.problems.filter((p) => p.code === "too-large").length, 1);
    // The listener is unaffected: the next camera is served.
    assertSuccess(await (await connect(small)).request(nvrKeepalive()));
  });

  it("answers 400 to malformed and DOCTYPE bodies without losing the good posts around them", async () => {
    const conn = await connect();
    assertSuccess(await conn.request(ipcPlate("GOOD1")));
    const bad = await conn.request(MALFORMED_BODY);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /malformed/i);
    assertSuccess(await conn.request(ipcPlate("GOOD2")));
    const doctype = await conn.request(DOCTYPE_BODY);
    assert.equal(doctype.status, 400);
    assert.equal((await conn.request(MALFORMED_BODY)).status, 400);
    assertSuccess(await conn.request(ipcPlate("GOOD3")));
    assert.equal(conn.isClosed, false);
    assert.deepEqual(rec.messages.map((d) => d.message.kind === "event" && d.message.plate?.number), ["GOOD1", "GOOD2", "GOOD3"]);
    // Once per cause: two malformed bodies, one report; the DOCTYPE one is another cause.
    assert.deepEqual(rec.problems.map((p) => p.code), ["bad-request", "bad-request"]);
    assert.deepEqual(rec.problems.map((p) => p.error && "code" in p.error && p.error.code), ["malformed-xml", "doctype"]);
  });

  it("answers a well-formed unknown document with success and reports it once", async () => {
    const conn = await connect();
    assertSuccess(await conn.request(CONFIG_REPLY));
    assertSuccess(await conn.request(CONFIG_REPLY));
    assert.equal(rec.messages.length, 0);
    assert.equal(rec.problems.length, 1);
    assert.equal(rec.problems[0].code, "unknown-document");
    assert.equal(rec.problems[0].body?.toString(), CONFIG_REPLY);
  });

  it("survives subscribers that throw", async () => {
    const original = process.emitWarning;
    let warned = 0;
    process.emitWarning = (() => void warned++) as typeof process.emitWarning;
    try {
      rec.subscriber.message = () => {
        throw new Error("flow bug");
      };
      rec.subscriber.connection = () => {
        throw new Error("flow bug");
      };
      const conn = await connect();
      assertSuccess(await conn.request(ipcPlate("A")));
      assertSuccess(await conn.request(ipcPlate("B")));
    } finally {
      process.emitWarning = original;
    }
    assert.equal(warned, 1);
  });

  it("asks for basic auth: 401 with WWW-Authenticate, then accepts the right credentials", async () => {
    const secured = await freePort();
    const auth = recorder();
    subs.push(await listen(registry, { port: secured, auth: { user: "cam", password: "pw" } }, auth));
    const missing = await (await connect(secured)).request(nvrKeepalive());
    assert.equal(missing.status, 401);
    assert.match(missing.headers["www-authenticate"], /^Basic realm="Viewtron"/);
    const wrong = await (await connect(secured)).request(nvrKeepalive(), { headers: { Authorization: basic("cam", "nope") } });
    assert.equal(wrong.status, 401);
    const conn = await connect(secured);
    assertSuccess(await conn.request(nvrAlarm(true), { headers: { Authorization: basic("cam", "pw") } }));
    assert.equal(auth.messages.length, 1);
    assert.deepEqual(auth.problems.map((p) => p.message), ["authentication required", "wrong user or password"]);
  });

  it("applies the address allow-list: 403 outside it, IPv4-mapped entries match", async () => {
    const closed = await freePort();
    const open = await freePort();
    const outside = recorder();
    const inside = recorder();
    subs.push(await listen(registry, { port: closed, allow: "10.0.0.0/8, fd00::/8" }, outside));
    subs.push(await listen(registry, { port: open, allow: "192.168.1.0/24\n::ffff:127.0.0.1" }, inside));
    const refused = await (await connect(closed)).request(nvrAlarm(true));
    assert.equal(refused.status, 403);
    assert.equal(outside.problems[0].code, "forbidden");
    assertSuccess(await (await connect(open)).request(nvrAlarm(true)));
    assert.equal(inside.messages.length, 1);
  });

  it("answers 431 to oversized headers and keeps serving others", async () => {
    const conn = await connect();
    await conn.write(`POST /API HTTP/1.1\r\nX-Big: ${"a".repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`);
    assert.equal((await conn.response()).status, 431);
    assert.equal(await conn.closesWithin(1000), true);
    await eventually(() => rec.problems.length === 1, 1000, "report");
    assert.equal(rec.problems[0].code, "client-error");
    assertSuccess(await (await connect()).request(nvrKeepalive()));
    await delay(1);
  });
});

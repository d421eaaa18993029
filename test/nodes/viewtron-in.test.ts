// viewtron-in in a real Node-RED runtime, fed over real keep-alive sockets.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { NodeMessage } from "node-red";
import { parseMessage } from "../../src/protocol/parse";
import { SUCCESS_REPLY } from "../../src/protocol/reply";
import type { ConnectionPayload, EventPayload, ParsedMessage } from "../../src/protocol/types";
import { loadFixture } from "../support/fixture-assert";
import { fixtureImage } from "../support/fixture-images";
import { sharedDir, xmlFilesBelow } from "../support/paths";
import { RawConnection, delay, freePort } from "../support/raw-http";
import { CONFIG_REPLY, DOCTYPE_BODY, MALFORMED_BODY, deviceInfoHeartbeat, ipcPlate, nvrAlarm, nvrKeepalive } from "../support/samples";
import { TAB, collect, config, helper, input, load, output, waitFor, watch } from "./harness";

/** Every webhook fixture of ../shared (the config-API folder holds no webhooks). */
function sharedWebhookFixtures(root: string): string[] {
  return xmlFilesBelow(root).filter((rel) => !rel.startsWith("from-docs/config-api/")).map((rel) => path.join(root, rel));
}

/** The kind a fixture holds, read from its name (independent of the parser). */
function kindByName(file: string): ParsedMessage["kind"] {
  const name = path.basename(file).toLowerCase();
  if (name.includes("keepalive")) return "keepalive";
  if (/alarm-?status/.test(name)) return "alarmStatus";
  if (name.includes("traject")) return "traject";
  return "event";
}

/** The payload without receive-time stamps, which differ between two parses. */
function stable(payload: ParsedMessage): unknown {
  if (payload.timeSource !== "received") return payload;
  const { time: _time, timestamp: _timestamp, ...rest } = payload;
  return rest;
}

describe("viewtron-in: messages", function () {
  this.timeout(10_000);
  let port: number;
  let conns: RawConnection[];
  const connect = async (): Promise<RawConnection> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    return conn;
  };

  beforeEach(async () => {
    port = await freePort();
    conns = [];
  });
  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    await helper.unload();
  });

  it("turns every shared webhook fixture, posted over ONE persistent connection, into its message", async function () {
    const shared = sharedDir();
    if (shared === undefined) {
      console.log("      (skipped: ../shared/fixtures not found, the shared webhook samples are not posted)");
      return this.skip();
    }
    const files = sharedWebhookFixtures(path.join(shared, "fixtures", "viewtron"));
    assert.ok(files.length >= 50, `only ${files.length} fixtures found`);
    await load([TAB, config("cfg", port, { name: "yard" }), input("in", "cfg", "out", { traject: true, raw: true }), output("out")]);
    const messages = collect("out");
    const conn = await connect();
    const expected: Array<{ file: string; text: string; parsed: ParsedMessage }> = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const res = await conn.request(text, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
      assert.equal(res.status, 200, file);
      assert.equal(res.text, SUCCESS_REPLY, file);
      const parsed = parseMessage(text, { remoteAddress: "127.0.0.1" });
      assert.equal(parsed.kind, kindByName(file), file);
      if (parsed.kind !== "keepalive") expected.push({ file, text, parsed });
    }
    assert.equal(conn.isClosed, false);
    await waitFor(messages, expected.length);
    await delay(20);
    assert.equal(messages.length, expected.length);
    expected.forEach(({ file, text, parsed }, i) => {
      const msg = messages[i];
      const payload = msg.payload as ParsedMessage;
      const category = parsed.kind === "event" || parsed.kind === "alarmStatus" ? parsed.category : parsed.kind;
      assert.equal(msg.topic, `viewtron/yard/${category}`, file);
      assert.equal(payload.kind, parsed.kind, file);
      assert.equal(payload.device.remoteAddress, "127.0.0.1", file);
      assert.deepEqual(stable(payload), stable(parsed), file);
      assert.equal(msg.raw, text, file);
    });
  });

  it("answers heartbeats of every form without messages, and sends connection up per device when asked", async () => {
    await load([TAB, config("cfg", port), input("in", "cfg", "out", { connection: true }), output("out")]);
    const messages = collect("out");
    const conn = await connect();
    for (const body of [deviceInfoHeartbeat(), "", "  \n", nvrKeepalive()]) {
      const res = await conn.request(body);
      assert.equal(res.status, 200);
      assert.equal(res.text, SUCCESS_REPLY);
    }
    assert.equal((await conn.request("", { headers: { "Content-Length": null } })).status, 200);
    await waitFor(messages, 2);
    await delay(20);
    assert.deepEqual(messages.map((m) => m.topic), ["viewtron/Device Name/connection", "viewtron/Gate/connection"]);
    const up = messages[0].payload as ConnectionPayload;
    assert.equal(up.kind, "connection");
    assert.equal(up.state, "up");
    assert.equal(up.device.mac, "58:5B:69:5A:84:BB");
    assert.equal(up.device.remoteAddress, "127.0.0.1");
    assert.equal(typeof up.timestamp, "number");
  });

  it("accepts the NVR request line, missing Host, Connection: close and any content type", async () => {
    await load([TAB, config("cfg", port), input("in", "cfg", "out"), output("out")]);
    const messages = collect("out");
    const nvr = await connect();
    const res = await nvr.request(nvrAlarm(true), {
      target: `http://127.0.0.1:${port}/API`,
      headers: { "Content-Type": "application/soap+xml; charset=utf-8", Connection: "close" },
    });
    assert.equal(res.status, 200);
    assert.equal(await nvr.closesWithin(1000), true);
    const ipc = await connect();
    assert.equal((await ipc.request(ipcPlate("NOHOST"), { headers: { Host: null, "Content-Type": "text/xml" } })).status, 200);
    assert.equal((await ipc.request(ipcPlate("NOTYPE"), { headers: { "Content-Type": null } })).status, 200);
    await waitFor(messages, 3);
    assert.deepEqual(messages.map((m) => m.topic), ["viewtron/Gate/intrusion", "viewtron/127.0.0.1/lpr", "viewtron/127.0.0.1/lpr"]);
  });

  it("names the device in the topic: config name, else the camera's name, else its address", async () => {
    const other = await freePort();
    await load([
      TAB,
      config("named", port, { name: "Front gate" }), input("a", "named", "outA"), output("outA"),
      config("anon", other), input("b", "anon", "outB"), output("outB"),
    ]);
    const named = collect("outA");
    const anon = collect("outB");
    await (await connect()).request(nvrAlarm(true));
    const conn = await RawConnection.open(other);
    conns.push(conn);
    await conn.request(ipcPlate("P1")); // no identity yet: the address
    await conn.request(nvrAlarm(false)); // the camera's name
    await waitFor(named, 1);
    await waitFor(anon, 2);
    assert.equal(named[0].topic, "viewtron/Front gate/intrusion");
    assert.deepEqual(anon.map((m) => m.topic), ["viewtron/127.0.0.1/lpr", "viewtron/Gate/intrusion"]);
  });

  it("gives every viewtron-in on one config every message, each with its own choices", async () => {
    await load([
      TAB, config("cfg", port),
      input("all", "cfg", "outAll", { raw: true }), output("outAll"),
      input("plain", "cfg", "outPlain", { images: false, alarmStatus: false }), output("outPlain"),
    ]);
    const all = collect("outAll");
    const plain = collect("outPlain");
    const conn = await connect();
    const vehicle = loadFixture("nvr-v2/vehicle.xml");
    assert.equal((await conn.request(vehicle)).status, 200);
    assert.equal((await conn.request(nvrAlarm(true))).status, 200);
    await waitFor(all, 2);
    await waitFor(plain, 1);
    await delay(20);
    assert.equal(plain.length, 1, "alarm status is off on the second node");
    const full = all[0].payload as EventPayload;
    const bare = plain[0].payload as EventPayload;
    assert.ok(full.images?.source?.equals(fixtureImage("nvr-v2/vehicle.xml", "sourceBase64Data")));
    assert.ok(full.images?.target?.equals(fixtureImage("nvr-v2/vehicle.xml", "targetBase64Data")));
    assert.equal(bare.images, undefined);
    assert.equal(bare.plate?.number, full.plate?.number);
    assert.equal(all[0].raw, vehicle.toString("utf8"));
    assert.equal(plain[0].raw, undefined);
    assert.notEqual(all[0].payload, plain[0].payload, "each node sends its own payload object");
  });

  it("sends traject only when asked and never heartbeats", async () => {
    await load([TAB, config("cfg", port), input("in", "cfg", "out"), input("tr", "cfg", "outTr", { events: false, alarmStatus: false, traject: true }), output("out"), output("outTr")]);
    const events = collect("out");
    const traject = collect("outTr");
    const conn = await connect();
    await conn.request(loadFixture("ipc-v1/traject.xml"));
    await conn.request(ipcPlate("T1"));
    await waitFor(events, 1);
    await waitFor(traject, 1);
    await delay(20);
    assert.deepEqual(events.map((m) => (m.payload as ParsedMessage).kind), ["event"]);
    assert.deepEqual(traject.map((m) => m.topic), ["viewtron/Backyard/traject"]);
  });

  it("rejects 404 / 405 / 413 / 400 with short reasons; malformed bodies between good ones lose nothing", async () => {
    await load([TAB, config("cfg", port, { maxBody: 0.01 }), input("in", "cfg", "out"), output("out")]);
    const messages = collect("out");
    const watched = watch("in");
    const cfg = watch("cfg");
    const conn = await connect();
    assert.equal((await conn.request(ipcPlate("GOOD1"))).status, 200);
    const bad = await conn.request(MALFORMED_BODY);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /malformed/i);
    assert.equal((await conn.request(ipcPlate("GOOD2"))).status, 200);
    assert.equal((await conn.request(DOCTYPE_BODY)).status, 400);
    assert.equal((await conn.request(CONFIG_REPLY)).status, 200); // unknown document: success, reported
    assert.equal((await conn.request(ipcPlate("GOOD3"))).status, 200);
    assert.equal(conn.isClosed, false);

    assert.equal((await (await connect()).request(ipcPlate("X"), { target: "/nope" })).status, 404);
    const get = await (await connect()).request("", { method: "GET", headers: { "Content-Length": null } });
    assert.equal(get.status, 405);
    const big = await connect();
    await big.write(`POST /API HTTP/1.1\r\nHost: x\r\nContent-Length: 20000\r\n\r\n`);
    assert.equal((await big.response()).status, 413);

    await waitFor(messages, 3);
    assert.deepEqual(messages.map((m) => (m.payload as EventPayload).plate?.number), ["GOOD1", "GOOD2", "GOOD3"]);
    // Body problems reach Catch nodes through node.error(err, msg); transport ones are config warnings.
    await waitFor(watched.errors, 3);
    const errorKeys = watched.errors.map((args) => String(args[0]));
    assert.deepEqual(errorKeys, ["viewtron-in.errors.bad-request", "viewtron-in.errors.bad-request", "viewtron-in.errors.unknown-document"]);
    const errorMsg = watched.errors[0][1] as NodeMessage;
    assert.equal(errorMsg.topic, "viewtron/127.0.0.1/error");
    assert.deepEqual((errorMsg.payload as { code: string }).code, "bad-request");
    await waitFor(cfg.warnings, 3);
    assert.deepEqual(cfg.warnings.map(String).sort(), [
      "viewtron-config.warnings.method-not-allowed", "viewtron-config.warnings.not-found", "viewtron-config.warnings.too-large",
    ]);
  });
});

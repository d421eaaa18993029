// Every flow in examples/ loaded into a real Node-RED runtime (node-red-node-test-helper) with our
// nodes and the core nodes it uses: it must deploy without errors, and camera posts (our own
// fixtures, over real HTTP on one keep-alive connection) must produce what the example promises.
// Environment-specific parts are rewritten before loading: the camera port (a free loopback
// port), HTTP request URLs (a recording server here), the snapshot folder (a temp dir), MQTT
// out nodes (helper nodes with the same id, so the publish is captured) and long timers.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import path from "node:path";
import helper from "node-red-node-test-helper";
import { repoRoot } from "../support/paths";
import { coreNodesDir, redPath } from "../support/red";

helper.init(redPath());

/** A node of a flow file, as exported by the editor. */
interface FlowNode {
  id: string;
  type: string;
  z?: string;
  x?: number;
  y?: number;
  wires?: string[][];
  [key: string]: unknown;
}

interface Msg {
  topic?: string;
  payload?: unknown;
  [key: string]: unknown;
}

/** The parts of a runtime node these tests use. */
interface RuntimeNode {
  on(event: "input", listener: (msg: Msg) => void): void;
  receive(msg: Msg): void;
  context(): { flow: { get(key: string): unknown } };
}

interface LogEntry {
  level: number;
  id?: string;
  type?: string;
  msg?: unknown;
}

const EXAMPLES_DIR = path.join(repoRoot(), "examples");
const TAB = "examples-test-tab";

/** Core node types the examples may use, and the file (under @node-red/nodes/core) that registers each. */
const CORE_FILES: Record<string, string> = {
  comment: "common/90-comment.js",
  inject: "common/20-inject.js",
  debug: "common/21-debug.js",
  catch: "common/25-catch.js",
  status: "common/25-status.js",
  "link in": "common/60-link.js",
  "link out": "common/60-link.js",
  junction: "common/05-junction.js",
  function: "function/10-function.js",
  switch: "function/10-switch.js",
  change: "function/15-change.js",
  delay: "function/89-delay.js",
  trigger: "function/89-trigger.js",
  template: "function/80-template.js",
  json: "parsers/70-JSON.js",
  "http request": "network/21-httprequest.js",
  "mqtt out": "network/10-mqtt.js",
  "mqtt-broker": "network/10-mqtt.js",
  file: "storage/10-file.js",
};

/** Our node types: every runtime entry in nodes/ (and whatever package.json declares). */
function ourTypes(): string[] {
  const fromDir = fs.readdirSync(path.join(repoRoot(), "nodes")).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3));
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as { "node-red"?: { nodes?: Record<string, string> } };
  return [...new Set([...fromDir, ...Object.keys(pkg["node-red"]?.nodes ?? {})])].sort();
}

function exampleFiles(): string[] {
  return fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".json")).sort();
}

function readExample(file: string): FlowNode[] {
  const flow = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8")) as unknown;
  assert.ok(Array.isArray(flow), `${file}: a flow file is an array of nodes`);
  return flow as FlowNode[];
}

/** The node modules (register functions) a flow needs: ours for our types, core files for the rest. */
function modulesFor(flow: FlowNode[]): unknown[] {
  const files = new Set<string>();
  const ours = new Set(ourTypes());
  for (const node of flow) {
    if (node.type === "tab" || node.type === "helper") continue;
    if (ours.has(node.type)) files.add(path.join(repoRoot(), "nodes", `${node.type}.js`));
    else if (CORE_FILES[node.type]) files.add(path.join(coreNodesDir(), CORE_FILES[node.type]));
    else assert.fail(`node type "${node.type}" is neither ours nor a core node this test knows`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [...files].map((file) => require(file));
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), "test", "fixtures", name), "utf8");
}

/** A fixture with one piece replaced; fails when the piece is not there (the fixture changed). */
function variant(name: string, from: string | RegExp, to: string): string {
  const text = fixture(name);
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `${name}: ${String(from)} not found`);
  return changed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
async function until<T>(what: string, check: () => T | undefined | false, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Stand-in for relays and notification services: records every request. */
class RecordingServer {
  readonly requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer; at: number }> = [];
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      this.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  to(pathname: string): Array<{ json: Record<string, unknown>; at: number; headers: http.IncomingHttpHeaders; method: string }> {
    return this.requests
      .filter((r) => r.url === pathname)
      .map((r) => ({ json: JSON.parse(r.body.toString("utf8")) as Record<string, unknown>, at: r.at, headers: r.headers, method: r.method }));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A camera: posts bodies over one persistent HTTP/1.1 connection, like Viewtron devices do. */
class Camera {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly localPorts = new Set<number>();

  constructor(private readonly port: number, private readonly pathname: string) {}

  /** Waits until the listener accepts connections (it starts asynchronously after deploy). */
  async ready(): Promise<void> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const socket = net.connect(this.port, "127.0.0.1");
        socket.once("connect", () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
      if (ok) return;
      if (Date.now() > deadline) assert.fail(`the camera port ${this.port} never opened`);
      await sleep(20);
    }
  }

  post(body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: this.port, path: this.pathname, method: "POST", agent: this.agent,
          headers: { "content-type": "application/xml; charset=utf-8", "content-length": Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              assert.equal(res.statusCode, 200, `camera post answered ${res.statusCode}: ${text}`);
              assert.match(text, /<status>success<\/status>/);
              resolve();
            } catch (err) {
              reject(err);
            }
          });
        },
      );
      req.setTimeout(3000, () => req.destroy(new Error("camera post timed out")));
      req.on("socket", (socket: net.Socket) => {
        const note = () => this.localPorts.add(socket.localPort ?? 0);
        if (socket.localPort) note();
        else socket.once("connect", note);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One example prepared for the test runtime. */
interface Loaded {
  flow: FlowNode[];
  /** The node of the original example with that id. */
  original: (id: string) => FlowNode;
  /** Ids of nodes by type (after rewriting, helper nodes keep their original type here). */
  byType: (type: string) => FlowNode[];
  byName: (name: string) => FlowNode;
  camera: Camera;
  relay: RecordingServer;
  dir: string;
  /** What each replaced `mqtt out` node would have published: topic as the node resolves it. */
  published: Array<{ node: string; topic: string; msg: Msg }>;
  node: (id: string) => RuntimeNode;
}

interface Rewrites {
  /** New trigger durations in milliseconds, by node name. */
  triggers?: Record<string, number>;
  /** New watchdog (seconds) for the viewtron-config. */
  watchdog?: number;
}

let current: { camera: Camera; relay: RecordingServer; dir: string } | undefined;

async function load(file: string, rewrites: Rewrites = {}): Promise<Loaded> {
  const example = readExample(file);
  const flow = JSON.parse(JSON.stringify(example)) as FlowNode[];
  const port = await freePort();
  const relay = new RecordingServer();
  await relay.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "viewtron-example-"));
  let cameraPath = "/API";
  const mqttTopics = new Map<string, string>();
  const triggers = { ...rewrites.triggers };

  for (let i = 0; i < flow.length; i++) {
    const node = flow[i];
    // Imported into the current tab: nodes that sit on the canvas get the tab, config nodes stay global.
    if (node.x !== undefined && node.y !== undefined) node.z = TAB;
    switch (node.type) {
      case "viewtron-config":
        node.port = port;
        node.bind = "127.0.0.1";
        cameraPath = String(node.path);
        if (rewrites.watchdog !== undefined) node.watchdog = rewrites.watchdog;
        break;
      case "http request": {
        const url = new URL(String(node.url));
        node.url = `http://127.0.0.1:${relay.port}${url.pathname}${url.search}`;
        break;
      }
      case "function": {
        const code = String(node.func);
        if (code.includes("const FOLDER = ")) {
          node.func = code.replace(/const FOLDER = "[^"\n]*";/, `const FOLDER = ${JSON.stringify(dir)};`);
          assert.notEqual(node.func, code, `${file}: snapshot folder not rewritten`);
        }
        break;
      }
      case "trigger": {
        const ms = triggers[String(node.name)];
        if (ms !== undefined) {
          node.duration = String(ms);
          node.units = "ms";
          delete triggers[String(node.name)];
        }
        break;
      }
      case "mqtt out":
        mqttTopics.set(node.id, String(node.topic ?? ""));
        flow[i] = { id: node.id, type: "helper", z: TAB, x: node.x, y: node.y, wires: node.wires ?? [] };
        break;
    }
  }
  assert.deepEqual(Object.keys(triggers), [], `${file}: triggers to rewrite not found`);
  flow.unshift({ id: TAB, type: "tab", label: file });

  const camera = new Camera(port, cameraPath === "" || cameraPath === "*" ? "/API" : cameraPath);
  current = { camera, relay, dir };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  await helper.load(modulesFor(flow) as any, flow);

  const published: Loaded["published"] = [];
  for (const [id, topic] of mqttTopics) {
    // mqtt out publishes to its own topic when set, else to msg.topic.
    (helper.getNode(id) as unknown as RuntimeNode).on("input", (msg) => published.push({ node: id, topic: topic || String(msg.topic), msg }));
  }
  await camera.ready();
  return {
    flow,
    original: (id) => example.find((n) => n.id === id) ?? assert.fail(`no node ${id}`),
    byType: (type) => example.filter((n) => n.type === type),
    byName: (name) => example.find((n) => n.name === name) ?? assert.fail(`${file}: no node named "${name}"`),
    camera,
    relay,
    dir,
    published,
    node: (id) => (helper.getNode(id) as unknown as RuntimeNode | null) ?? assert.fail(`node ${id} is not running`),
  };
}

/**
 * What went wrong while the flow ran: every error (node.error and the runtime's), and warnings of
 * the flow's nodes (node.warn; these carry the node id). Warnings without a node come from the
 * test harness itself (node-set registration, unencrypted test credentials) and are left out.
 */
function problemsLogged(): LogEntry[] {
  const spy = helper.log() as unknown as { args: unknown[][] } | undefined;
  if (!spy) return [];
  return spy.args
    .map((a) => a[0] as LogEntry)
    .filter((e) => e && typeof e.level === "number" && (e.level <= 20 || (e.level <= 30 && e.id !== undefined)));
}

function assertCleanLog(): void {
  const problems = problemsLogged();
  assert.deepEqual(problems.map((p) => `${p.type ?? ""} ${p.id ?? ""}: ${String(p.msg)}`), [], "nothing logged at warn/error level");
}

/** Collects what reaches a node's input (a debug node, for instance). */
function collect(loaded: Loaded, id: string): Msg[] {
  const seen: Msg[] = [];
  loaded.node(id).on("input", (msg) => seen.push(msg));
  return seen;
}

/** A moment yesterday at this local hour, in camera currentTime units (microseconds). */
function yesterdayAt(hour: number): number {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  d.setHours(hour, 0, 0, 0);
  return d.getTime() * 1000;
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function hasBuffer(value: unknown): boolean {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(hasBuffer);
}

/** Objects made inside a function node's sandbox have another Object prototype: compare as JSON. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const isJpeg = (b: Buffer): boolean => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;

/** The test of each example file. A new example needs a case here (the guard test says so). */
const CASES: Record<string, (this: Mocha.Context) => Promise<void>> = {
  async "01 - Licence plate gate.json"() {
    const loaded0 = readExample("01 - Licence plate gate.json");
    const trigger = loaded0.find((n) => n.type === "trigger");
    assert.ok(trigger, "a trigger opens and closes the relay");
    assert.deepEqual([trigger.duration, trigger.units], ["5", "s"], "the gate stays open 5 s");
    const filter = loaded0.find((n) => n.type === "viewtron-filter");
    assert.ok(filter);
    assert.deepEqual([filter.dedupe, filter.dedupeSeconds, filter.otherwise, filter.outputs], ["plate", 10, true, 2]);

    const ex = await load("01 - Licence plate gate.json", { triggers: { [String(trigger.name)]: 300 } });
    const { camera, relay } = ex;
    const opens = () => relay.to("/rpc/Switch.Set");
    const notes = () => relay.to("/notify");

    // An NVR plate in the allowed group "Staff Parking", read twice: the relay opens once.
    await camera.post(fixture("nvr-v2/vehicle.xml"));
    await camera.post(fixture("nvr-v2/vehicle.xml"));
    // Plates in other groups (temporaryList, blackList) notify.
    await camera.post(fixture("ipc-v1/lpr-vehice.xml"));
    await camera.post(fixture("ipc-v1/lpr-vehicle.xml"));

    await until("the relay to open and close", () => opens().length >= 2 && true);
    const [open, close] = opens();
    assert.equal(open.method, "POST");
    assert.match(String(open.headers["content-type"]), /application\/json/);
    assert.deepEqual(open.json, { id: 0, on: true });
    assert.deepEqual(close.json, { id: 0, on: false });
    // Times are taken where the relay receives the requests: a loaded machine delays the opening
    // request's arrival more than the close's, so check for a hold, not the exact 300 ms.
    assert.ok(close.at - open.at >= 150, `closed ${close.at - open.at} ms after opening`);

    await until("two notifications", () => notes().length >= 2 && true);
    const plates = notes().map((n) => n.json.plate).sort();
    assert.deepEqual(plates, ["0815KTR", "7RDX219"]);
    const temporary = notes().find((n) => n.json.plate === "0815KTR");
    assert.equal(temporary?.json.group, "temporaryList");
    assert.equal(temporary?.json.device, "Gate LPR 2");
    assert.match(String(temporary?.json.title), /0815KTR/);

    // The IP camera's allow list (whiteList) opens too, once the gate has closed.
    await camera.post(variant("ipc-v1/lpr-vehice.xml", ">temporaryList<", ">whiteList<"));
    await until("the relay to open for a whiteList plate", () => opens().length >= 4 && true);
    assert.deepEqual(opens().map((r) => r.json.on), [true, false, true, false]);
    await sleep(50);
    assert.equal(notes().length, 2, "allowed plates do not notify");
    assert.equal(camera.localPorts.size, 1, "one persistent connection");
    assertCleanLog();
  },

  async "02 - Night light for a person in a zone.json"() {
    const example = readExample("02 - Night light for a person in a zone.json");
    const hold = example.find((n) => n.type === "trigger");
    assert.ok(hold);
    assert.deepEqual([hold.op1type, hold.op2, hold.duration, hold.units], ["nul", "OFF", "2", "min"]);

    const ex = await load("02 - Night light for a person in a zone.json", { triggers: { [String(hold.name)]: 200 } });
    const light = () => ex.published.map((p) => `${p.topic} ${String(p.msg.payload)}`);
    const withTime = (hour: number) =>
      variant("ipc-v1/pea-perimeter.xml", /<currentTime type="tint64">\d+<\/currentTime>/, `<currentTime type="tint64">${yesterdayAt(hour)}</currentTime>`);

    // A person in the zone at 13:00: daytime, no light.
    await ex.camera.post(withTime(13));
    await sleep(100);
    assert.deepEqual(light(), []);

    // The same at 23:00: light on.
    await ex.camera.post(withTime(23));
    await until("light on", () => light().length >= 1 && true);
    assert.deepEqual(light(), ["cmnd/yard-light/POWER ON"]);

    // The zone alarm goes off: the light goes off after the hold time, not at once.
    const offAt = Date.now();
    await ex.camera.post(variant("ipc-v1/alarm-status-on.xml", ">true<", ">false<"));
    await sleep(100);
    assert.deepEqual(light(), ["cmnd/yard-light/POWER ON"], "still on during the hold time");
    await until("light off", () => light().length >= 2 && true);
    assert.deepEqual(light(), ["cmnd/yard-light/POWER ON", "cmnd/yard-light/POWER OFF"]);
    assert.ok(Date.now() - offAt >= 200);

    // An alarm of another kind going off (face, NVR) leaves the light alone.
    await ex.camera.post(fixture("nvr-v2/alarm-status-off.xml"));
    await sleep(350);
    assert.equal(light().length, 2);
    assertCleanLog();
  },

  async "03 - Snapshot notification.json"() {
    const ex = await load("03 - Snapshot notification.json");
    const notes = () => ex.relay.to("/notify");

    await ex.camera.post(fixture("nvr-v2/vehicle.xml")); // lpr, scene image
    await ex.camera.post(fixture("ipc-v1/pea-perimeter.xml")); // person intrusion, scene image
    await ex.camera.post(fixture("nvr-v2/face.xml")); // face, crop only
    await ex.camera.post(fixture("nvr-v2/counting-line.xml")); // counting: not notified
    await ex.camera.post(fixture("nvr-v2/alarm-status-on.xml")); // alarm status: not notified

    await until("three notifications", () => notes().length >= 3 && true);
    await sleep(100);
    assert.equal(notes().length, 3);

    const files = fs.readdirSync(ex.dir).sort();
    assert.equal(files.length, 3, `files: ${files.join(", ")}`);
    for (const name of files) {
      assert.match(name, /^\d{8}-\d{6}-\d{3}_[\p{L}\p{N}_-]+_[\p{L}\p{N}_-]+\.jpg$/u);
      assert.ok(isJpeg(fs.readFileSync(path.join(ex.dir, name))), `${name} is a JPEG`);
    }
    assert.ok(files.some((f) => f.endsWith("_Depot-NVR_0042HB.jpg")), files.join(", "));
    assert.ok(files.some((f) => f.endsWith("_Backyard_intrusion.jpg")), files.join(", "));
    assert.ok(files.some((f) => f.endsWith("_face.jpg")), files.join(", "));

    for (const note of notes()) {
      const file = String(note.json.file);
      assert.equal(path.dirname(file), ex.dir);
      const image = Buffer.from(String(note.json.image), "base64");
      assert.ok(isJpeg(image));
      assert.deepEqual(image, fs.readFileSync(file), "the posted image is the saved file");
      assert.equal(note.json.imageType, "image/jpeg");
      assert.match(String(note.headers["content-type"]), /application\/json/);
    }
    const plate = notes().find((n) => n.json.category === "lpr");
    assert.equal(plate?.json.plate, "0042HB");
    assert.match(String(plate?.json.title), /0042HB at Depot NVR/);
    const intrusion = notes().find((n) => n.json.category === "intrusion");
    assert.equal(intrusion?.json.plate, undefined);
    assert.equal(intrusion?.json.device, "Backyard");
    assertCleanLog();
  },

  async "04 - People counting per day.json"() {
    const ex = await load("04 - People counting per day.json");
    const totals = ex.byName("Daily totals");
    const today = collect(ex, ex.byName("Today").id);

    await ex.camera.post(fixture("ipc-v1/passlinecount.xml")); // "Shop Door": in
    await ex.camera.post(fixture("ipc-v1/passlinecount.xml"));
    await ex.camera.post(fixture("nvr-v2/counting-line.xml")); // NVR channel 7: out
    await ex.camera.post(fixture("ipc-v1/cpc.xml")); // another counting camera: neither
    await ex.camera.post(fixture("nvr-v2/counting-area.xml")); // cars on channel 8: neither
    await ex.camera.post(fixture("nvr-v2/vehicle.xml")); // not counting

    await until("three counts", () => today.length >= 3 && true);
    await sleep(100);
    assert.equal(today.length, 3);
    const inDay = localDay(1767800300000);
    const outDay = localDay(1768100500333);
    const expected: Record<string, { in: number; out: number }> = {};
    expected[inDay] = { in: 2, out: 0 };
    expected[outDay] = { in: expected[outDay]?.in ?? 0, out: 1 };
    assert.deepEqual(plain(ex.node(totals.id).context().flow.get("peopleCount")), expected);
    assert.deepEqual(plain(today[2].payload), { day: outDay, in: 0, out: 1, inside: 0 });
    assert.deepEqual(plain(today[1].payload), { day: inDay, in: 2, out: 0, inside: 2 });

    // "Show totals" prints the whole table.
    const table = collect(ex, ex.byName("Totals").id);
    ex.node(ex.byName("Show totals").id).receive({});
    await until("the totals table", () => table.length >= 1 && true);
    assert.deepEqual(plain(table[0].payload), expected);
    assertCleanLog();
  },

  async "05 - Every event to MQTT.json"() {
    const ex = await load("05 - Every event to MQTT.json");
    await ex.camera.post(fixture("nvr-v2/vehicle.xml"));
    await ex.camera.post(fixture("nvr-v2/region-intrusion.xml"));
    await ex.camera.post(fixture("nvr-v2/alarm-status-on.xml"));
    await ex.camera.post(fixture("ipc-v1/lpr-vehice.xml"));
    // MQTT forbids + and # in a published topic.
    await ex.camera.post(variant("ipc-v1/lpr-vehice.xml", "Gate LPR 2", "Gate #2+"));

    await until("five publishes", () => ex.published.length >= 5 && true);
    await sleep(50);
    assert.deepEqual(ex.published.map((p) => p.topic), [
      "viewtron/Depot NVR/lpr",
      "viewtron/Depot NVR/intrusion",
      "viewtron/Depot NVR/intrusion",
      "viewtron/Gate LPR 2/lpr",
      "viewtron/Gate _2_/lpr",
    ]);
    for (const { msg } of ex.published) {
      const payload = msg.payload as Record<string, unknown>;
      assert.equal(payload.images, undefined, "no images");
      assert.equal(msg.raw, undefined);
      assert.ok(!hasBuffer(payload), "no Buffers anywhere");
    }
    const [plate, intrusion, alarm] = ex.published.map((p) => p.msg.payload as Record<string, unknown>);
    assert.deepEqual((plate.plate as Record<string, unknown>).number, "0042HB");
    assert.equal(intrusion.smartType, "regionIntrusion");
    assert.deepEqual([alarm.kind, alarm.active], ["alarmStatus", true]);
    assertCleanLog();
  },

  async "06 - Who is connected.json"() {
    const ex = await load("06 - Who is connected.json", { watchdog: 1 });
    const tableNode = ex.byName("Connection table");
    const shown = collect(ex, ex.byName("Cameras").id);
    const cameras = () => ex.node(tableNode.id).context().flow.get("cameras") as Record<string, Record<string, unknown>> | undefined;

    await ex.camera.post(fixture("nvr-v2/keepalive.xml"));
    await ex.camera.post(fixture("ipc-v1/keepalive-deviceinfo.xml"));
    await until("two cameras up", () => Object.keys(cameras() ?? {}).length === 2 && true);
    let rows = Object.values(cameras() ?? {});
    assert.deepEqual(plain(rows.map((r) => [r.name, r.state]).sort()), [["Carport Cam", "up"], ["Depot NVR", "up"]]);
    const nvr = rows.find((r) => r.name === "Depot NVR");
    assert.equal(nvr?.mac, "A4:14:37:C0:FF:EE");
    assert.equal(nvr?.address, "127.0.0.1");
    const last = await until("the table with both cameras", () => {
      const latest = shown[shown.length - 1]?.payload as Array<Record<string, unknown>> | undefined;
      return latest?.length === 2 ? latest : undefined;
    });
    assert.deepEqual(plain(last.map((r) => r.name)), ["Carport Cam", "Depot NVR"], "the table, sorted by name");

    // Silent past the watchdog (1 s here): both go down.
    await until("both cameras down", () => Object.values(cameras() ?? {}).every((r) => r.state === "down") && true, 4000);
    rows = Object.values(cameras() ?? {});
    assert.equal(rows.length, 2);

    // "Show table" prints it on demand.
    const before = shown.length;
    ex.node(ex.byName("Show table").id).receive({ payload: Date.now() });
    await until("the table on demand", () => shown.length > before && true);
    const table = shown[shown.length - 1].payload as Array<Record<string, unknown>>;
    assert.deepEqual(plain(table.map((r) => [r.name, r.state])), [["Carport Cam", "down"], ["Depot NVR", "down"]]);
    assertCleanLog();
  },
};

describe("example flows", function () {
  afterEach(async function () {
    await helper.unload();
    if (current) {
      current.camera.close();
      await current.relay.close();
      fs.rmSync(current.dir, { recursive: true, force: true });
      current = undefined;
    }
  });

  describe("every file", function () {
    it("is covered by a case here, and the examples use every node type of the package", function () {
      assert.deepEqual(exampleFiles(), Object.keys(CASES).sort(), "examples/ and the cases of this test");
      const used = new Set(exampleFiles().flatMap((f) => readExample(f).map((n) => n.type)));
      for (const type of ourTypes()) assert.ok(used.has(type), `no example uses ${type}`);
    });

    it("uses only node types of ours that package.json registers with Node-RED", function () {
      // Node-RED loads a package's nodes from package.json "node-red.nodes" only: a type missing
      // there is an unknown node after import, whatever nodes/ holds.
      const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as { "node-red"?: { nodes?: Record<string, string> } };
      const declared = new Set(Object.keys(pkg["node-red"]?.nodes ?? {}));
      const ours = new Set(ourTypes());
      const used = [...new Set(exampleFiles().flatMap((f) => readExample(f).map((n) => n.type)))].filter((t) => ours.has(t)).sort();
      assert.deepEqual(used.filter((t) => !declared.has(t)), [], "types used by examples but missing from package.json node-red.nodes");
    });

    for (const file of exampleFiles()) {
      it(`${file}: importable, explained, only core nodes and ours`, function () {
        const flow = readExample(file);
        const ids = new Set(flow.map((n) => n.id));
        assert.equal(ids.size, flow.length, "unique ids");
        const ours = new Set(ourTypes());
        for (const node of flow) {
          assert.ok(ours.has(node.type) || CORE_FILES[node.type] !== undefined, `${node.type} is a core node or ours`);
          assert.equal(node.z, undefined, "imported into the current tab: no z");
          for (const output of node.wires ?? []) for (const target of output) assert.ok(ids.has(target), `${node.id} wires to ${target}`);
        }
        const comments = flow.filter((n) => n.type === "comment");
        assert.ok(comments.length >= 1 && comments.every((c) => String(c.info).length > 200), "a comment node explains it");
        assert.match(String(comments[0].info), /Change/, "the comment says what to change");
        const configs = flow.filter((n) => n.type === "viewtron-config");
        assert.equal(configs.length, 1, "one viewtron-config");
        assert.deepEqual([configs[0].port, configs[0].path, configs[0].x], [5002, "/API", undefined]);
        const inputs = flow.filter((n) => n.type === "viewtron-in");
        assert.ok(inputs.length >= 1);
        for (const input of inputs) {
          assert.equal(input.config, configs[0].id);
          for (const flag of ["events", "alarmStatus", "traject", "connection", "images", "raw"]) {
            assert.equal(typeof input[flag], "boolean", `viewtron-in.${flag}`);
          }
        }
        for (const filter of flow.filter((n) => n.type === "viewtron-filter")) {
          assert.equal(filter.outputs, filter.otherwise ? 2 : 1, `${String(filter.name)}: outputs match "otherwise"`);
          assert.equal((filter.wires ?? []).length, filter.outputs);
        }
        for (const node of flow.filter((n) => n.type === "mqtt out")) {
          assert.ok(flow.some((n) => n.id === node.broker && n.type === "mqtt-broker"), "mqtt out has its broker");
        }
      });
    }
  });

  describe("in a Node-RED runtime", function () {
    for (const file of exampleFiles()) {
      const run = CASES[file];
      if (run === undefined) continue; // the guard test above fails instead
      it(file, async function () {
        this.timeout(10000);
        await run.call(this);
      });
    }
  });
});

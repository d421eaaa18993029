// "Configure camera to post here" through the admin endpoints: the plan (current vs planned), and
// apply in the request shape of the camera's API version, other URL entries kept.
import assert from "node:assert/strict";
import { parseXml, at, attr, child, items } from "../../src/protocol/xml";
import { str } from "../../src/protocol/read";
import { FakeCamera, FAKE_PASSWORD, FAKE_USER, otherServerSlot, type FakeCameraOptions } from "../support/fake-camera";
import { TAB, config, helper, input, load, output, type FlowNode } from "../nodes/harness";
import { errorCode, planOf, post, targetOf } from "./admin-helpers";

const ALL_INPUTS = [{ events: true, alarmStatus: true, traject: false, images: true }];

describe("admin: configure the camera to post here", function () {
  this.timeout(10_000);
  let camera: FakeCamera | undefined;

  const start = async (options: FakeCameraOptions, flow: FlowNode[] = [TAB, config("cfg", 5002, { bind: "" })]): Promise<FakeCamera> => {
    camera = await FakeCamera.start(options);
    await load(flow);
    return camera;
  };
  /** The editor's form: camera login plus the listener settings. */
  const form = (cam: FakeCamera, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id: "cfg", address: cam.address, user: FAKE_USER, password: FAKE_PASSWORD,
    port: 5002, path: "/API", bind: "", serverAddress: "", heartbeat: 60, inputs: ALL_INPUTS, ...extra,
  });

  afterEach(async () => {
    await helper.unload();
    await camera?.close();
    camera = undefined;
  });

  it("plan: the camera's slots and the fields we would write; nothing is written", async () => {
    const cam = await start({ api: "v2", httpPost: "v2", slots: [otherServerSlot(1, "192.168.1.50")] });
    const reply = await post("plan", form(cam));
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const target = targetOf(reply);
    assert.deepEqual(target, {
      domain: "127.0.0.1", domainSource: "route", port: 5002, path: "/API", heartbeat: 60,
      dataTypes: ["smartData", "alarmStatus", "sourceImage", "targetImage"],
    }, "the address on the route to the (loopback) camera");
    const plan = planOf(reply);
    assert.equal(plan.ok, true);
    assert.equal(plan.element, "httpPostV2");
    assert.equal(plan.urlId, 2);
    assert.equal(plan.action, "new");
    assert.deepEqual(plan.slots, [{ urlId: 1, enabled: true, target: "192.168.1.50:8080/hook", ours: false }]);
    const changes = Object.fromEntries((plan.changes ?? []).map((c) => [c.field, [c.before, c.after]]));
    assert.deepEqual(changes["url/domain"], ["", "127.0.0.1"]);
    assert.deepEqual(changes["url/port"], ["", "5002"]);
    assert.deepEqual(changes.keepaliveTimeval, ["", "60"]);
    assert.deepEqual(changes.subscribeDateType, ["", "alarmStatus, smartData, sourceImage, targetImage"]);
    assert.deepEqual(reply.body.notes, ["reboot"]);
    assert.equal(reply.body.replaceable, false);
    assert.equal(cam.requestsFor("SetHttpPostConfig").length, 0);
  });

  it("apply on a v2 camera: httpPostV2 in a 2.0.0 request, the other server's slot untouched, read back", async () => {
    const other = otherServerSlot(1, "192.168.1.50");
    const cam = await start({ api: "v2", httpPost: "v2", slots: [other, otherServerSlot(3, "10.1.1.1", false)], setReplacesList: true });
    const reply = await post("apply", form(cam, { serverAddress: "10.0.0.5", port: 1880, path: "/viewtron", heartbeat: 30 }));
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.written, true);
    assert.equal(reply.body.verified, true);
    const sets = cam.requestsFor("SetHttpPostConfig");
    assert.equal(sets.length, 1);
    const doc = parseXml(sets[0].body);
    assert.equal(attr(doc.root, "version"), "2.0.0");
    assert.equal(child(doc.root, "httpPost"), undefined, "v2 request carries no v1 element");
    const sent = items(at(doc.root, "httpPostV2", "postUrlConf", "urlList")).map((item) => str(child(item, "urlId")));
    assert.deepEqual(sent, ["1", "3", "2"], "every slot is sent back, so a camera that replaces the list keeps them");
    assert.deepEqual(cam.slots?.find((s) => s.urlId === 1), other, "the other server's entry is unchanged");
    assert.equal(cam.slots?.find((s) => s.urlId === 3)?.domain, "10.1.1.1");
    const ours = cam.slots?.find((s) => s.urlId === 2);
    assert.deepEqual(
      ours && { domain: ours.domain, port: ours.port, path: ours.path, switch: ours.switch, heartbeat: ours.keepaliveTimeval, types: ours.dataTypes, events: ours.events },
      { domain: "10.0.0.5", port: 1880, path: "/viewtron", switch: true, heartbeat: 30, types: ["smartData", "alarmStatus", "sourceImage", "targetImage"], events: ["ALL"] },
    );
    assert.equal(targetOf(reply).domainSource, "setting");
    // Same settings again: nothing to write.
    const again = await post("apply", form(cam, { serverAddress: "10.0.0.5", port: 1880, path: "/viewtron", heartbeat: 30 }));
    assert.equal(again.body.written, false);
    assert.equal(planOf(again).action, "reuse");
    assert.equal(cam.requestsFor("SetHttpPostConfig").length, 1);
  });

  it("apply on a v1 camera: an httpPost request with config version 1.0", async () => {
    const cam = await start({ api: "v1", httpPost: "v1" });
    const reply = await post("apply", form(cam, { serverAddress: "192.168.1.2" }));
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(planOf(reply).element, "httpPost");
    const sets = cam.requestsFor("SetHttpPostConfig");
    assert.equal(sets.length, 1);
    const doc = parseXml(sets[0].body);
    assert.equal(attr(doc.root, "version"), "1.0");
    assert.equal(child(doc.root, "httpPostV2"), undefined);
    assert.deepEqual(cam.v1Target, { bSwitch: true, serverIp: "192.168.1.2", serverPort: 5002, URL: "/API", keepaliveTimeval: 60 });
  });

  it("apply on a v1 camera posting elsewhere: 409 until replace is confirmed", async () => {
    const elsewhere = { bSwitch: true, serverIp: "192.168.1.77", serverPort: 80, URL: "/hook", keepaliveTimeval: 90 };
    const cam = await start({ api: "v1", httpPost: "v1", v1Target: elsewhere });
    const plan = await post("plan", form(cam, { serverAddress: "192.168.1.2" }));
    assert.equal(plan.status, 200);
    assert.equal(planOf(plan).ok, false);
    assert.equal(plan.body.replaceable, true);
    const refused = await post("apply", form(cam, { serverAddress: "192.168.1.2" }));
    assert.equal(refused.status, 409);
    assert.equal(errorCode(refused), "no-slot");
    assert.match(String((refused.body.error as { message: string }).message), /192\.168\.1\.77/);
    assert.deepEqual(cam.v1Target, elsewhere, "nothing written");
    const replaced = await post("apply", form(cam, { serverAddress: "192.168.1.2", replace: true }));
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(cam.v1Target?.serverIp, "192.168.1.2");
  });

  it("three slots serving other servers: plan says why, apply is 409", async () => {
    const cam = await start({ api: "v2", httpPost: "v2", slots: [1, 2, 3].map((n) => otherServerSlot(n, `10.0.0.${n}`)) });
    const plan = await post("plan", form(cam));
    assert.equal(planOf(plan).ok, false);
    assert.match(String(planOf(plan).reason), /all 3/);
    assert.equal((await post("apply", form(cam))).status, 409);
    assert.equal(cam.requestsFor("SetHttpPostConfig").length, 0);
  });

  it("data types come from the deployed viewtron-in nodes when the editor sends none; any path writes /API", async () => {
    const flow = [
      TAB, config("cfg", 5002, { bind: "", path: "", cameraAddress: "" }),
      input("in1", "cfg", "out", { events: true, images: false, alarmStatus: false }),
      input("in2", "cfg", "out", { events: false, alarmStatus: false, traject: true }),
      output("out"),
    ];
    const cam = await start({ api: "v2", httpPost: "v2", slots: [] }, flow);
    const { inputs: _inputs, port: _port, path: _path, ...rest } = form(cam);
    const reply = await post("plan", rest);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(targetOf(reply).dataTypes, ["smartData", "traject"]);
    assert.equal(targetOf(reply).path, "/API");
    assert.deepEqual(reply.body.notes, ["reboot", "traject", "any-path"]);
    assert.equal(planOf(reply).urlId, 1);
  });

  it("a config that listens on one address offers that address", async () => {
    const cam = await start({ api: "v2", httpPost: "v2" });
    const reply = await post("plan", form(cam, { bind: "127.0.0.1" }));
    assert.deepEqual([targetOf(reply).domain, targetOf(reply).domainSource], ["127.0.0.1", "listen"]);
  });

  it("plan and apply fail clearly: wrong password, NVR without the HTTP POST API", async () => {
    const cam = await start({ api: "v2", httpPost: "v2" });
    assert.equal(errorCode(await post("plan", form(cam, { password: "bad" }))), "auth");
    cam.errors.set("GetHttpPostConfig", { code: 1, desc: "Invalid Request" });
    const reply = await post("apply", form(cam));
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), "unsupported");
  });
});

// planHttpPost: which slot is written, what stays untouched, what the request looks like.
import { strict as assert } from "node:assert";
import { parseXml, at, items, child, type XmlNode } from "../../src/protocol/xml";
import { str } from "../../src/protocol/read";
import { planHttpPost, readHttpPostConfig, type HttpPostPlan, type HttpPostWanted, type PlanReady } from "../../src/camera";
import { httpPostDoc, type FakeSlot, type FakeV1Target } from "../support/fake-camera-docs";
import { otherServerSlot } from "../support/fake-camera";

const WANT: HttpPostWanted = { domain: "10.0.0.5", port: 1880, path: "/viewtron" };

function config(slots?: FakeSlot[], v1?: FakeV1Target, dataTypeElement = "subscribeDateType") {
  return readHttpPostConfig(parseXml(httpPostDoc(v1, slots, dataTypeElement)));
}

function ours(urlId: number, overrides: Partial<FakeSlot> = {}): FakeSlot {
  return { ...otherServerSlot(urlId, "10.0.0.5"), port: 1880, path: "/viewtron", ...overrides };
}

function ready(plan: HttpPostPlan): PlanReady {
  assert.ok(plan.ok, plan.ok ? "" : plan.reason);
  return plan;
}

/** The urlList items of a plan's request body, by urlId. */
function sentSlots(plan: PlanReady): Map<string, XmlNode> {
  const list = at(parseXml(plan.body).root, "httpPostV2", "postUrlConf", "urlList");
  return new Map(items(list).map((item) => [str(child(item, "urlId")) ?? "", item]));
}

describe("planHttpPost", () => {
  it("reuses the slot already pointing at us and leaves the others exactly as they were", () => {
    const current = config([otherServerSlot(1, "192.168.1.50"), ours(2, { switch: false, keepaliveTimeval: 90 }), otherServerSlot(3, "nvr.local")]);
    const plan = ready(planHttpPost(current, WANT));
    assert.equal(plan.urlId, 2);
    assert.equal(plan.action, "reuse");
    assert.equal(plan.element, "httpPostV2");
    const sent = sentSlots(plan);
    assert.deepEqual([...sent.keys()], ["1", "2", "3"]);
    const before = items(at(current.raw.root, "httpPostV2", "postUrlConf", "urlList"));
    assert.deepEqual(sent.get("1"), before[0]);
    assert.deepEqual(sent.get("3"), before[2]);
    assert.equal(str(child(sent.get("2"), "switch")), "true");
    const changed = plan.changes.filter((c) => c.changed).map((c) => c.field);
    assert.deepEqual(changed.sort(), ["keepaliveTimeval", "subscribeDateType", "subscriptionEvents", "switch"]);
  });

  it("takes an empty slot, then adds a new one, then a disabled one, in that order", () => {
    const empty = { ...otherServerSlot(2, ""), switch: false };
    assert.equal(ready(planHttpPost(config([otherServerSlot(1, "a.lan"), empty]), WANT)).action, "empty");
    const added = ready(planHttpPost(config([otherServerSlot(1, "a.lan")]), WANT));
    assert.deepEqual([added.action, added.urlId], ["new", 2]);
    assert.deepEqual([...sentSlots(added).keys()], ["1", "2"]);
    assert.match(added.body, /<urlList type="list" count="2" maxCount="3">/);
    const disabled = ready(planHttpPost(config([otherServerSlot(1, "a.lan"), otherServerSlot(2, "b.lan", false), otherServerSlot(3, "c.lan")]), WANT));
    assert.deepEqual([disabled.action, disabled.urlId], ["disabled", 2]);
  });

  it("refuses when every slot serves another server", () => {
    const plan = planHttpPost(config([otherServerSlot(1, "a.lan"), otherServerSlot(2, "b.lan"), otherServerSlot(3, "c.lan")]), WANT);
    assert.equal(plan.ok, false);
    assert.ok(!plan.ok && /all 3 .*a\.lan:8080\/hook/.test(plan.reason));
    assert.equal(plan.slots.length, 3);
  });

  it("a different path on our host is another server's slot", () => {
    const plan = ready(planHttpPost(config([ours(1, { path: "/other" })]), WANT));
    assert.deepEqual([plan.action, plan.urlId], ["new", 2]);
  });

  it("writes heartbeat, data types, events ALL and CDATA domain/path", () => {
    const plan = ready(planHttpPost(config([]), { ...WANT, heartbeatSeconds: 45, dataTypes: ["smartData", "traject"], apiVersion: "2.0.0" }));
    assert.equal(plan.version, "2.0.0");
    assert.match(plan.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<config version="2\.0\.0" xmlns="http:\/\/www\.ipc\.com\/ver10">/);
    assert.match(plan.body, /<domain><!\[CDATA\[10\.0\.0\.5\]\]><\/domain>/);
    assert.match(plan.body, /<path><!\[CDATA\[\/viewtron\]\]><\/path>/);
    const item = sentSlots(plan).get("1");
    assert.equal(str(child(item, "keepaliveTimeval")), "45");
    assert.equal(str(child(item, "heatBeatSwitch")), "true");
    assert.deepEqual(items(child(item, "subscribeDateType")).map((i) => str(i)), ["smartData", "traject"]);
    assert.deepEqual(items(child(item, "subscriptionEvents")).map((i) => str(i)), ["ALL"]);
    assert.equal(str(at(item, "url", "authentication")), "none");
  });

  it("defaults: events and images without traject, 60 s heartbeat, version 1.0 for 1.x cameras", () => {
    const plan = ready(planHttpPost(config([]), { ...WANT, apiVersion: "1.x" }));
    assert.equal(plan.version, "1.0");
    const types = plan.changes.find((c) => c.field === "subscribeDateType");
    assert.equal(types?.after, "alarmStatus, smartData, sourceImage, targetImage");
    assert.equal(plan.changes.find((c) => c.field === "keepaliveTimeval")?.after, "60");
  });

  it("keeps the camera's spelling of the data-type list (subDataType)", () => {
    const plan = ready(planHttpPost(config([otherServerSlot(1, "a.lan")], undefined, "subDataType"), WANT));
    assert.doesNotMatch(plan.body, /subscribeDateType/);
    assert.equal(items(child(sentSlots(plan).get("2"), "subDataType")).length, 4);
  });

  it("reports unchanged when the camera already posts here", () => {
    const slot = ours(1, { keepaliveTimeval: 60, dataTypes: ["smartData", "alarmStatus", "sourceImage", "targetImage"], events: ["ALL"] });
    const plan = ready(planHttpPost(config([slot]), WANT));
    assert.equal(plan.changed, false);
  });

  describe("v1 cameras (httpPost only)", () => {
    const v1 = (over: Partial<FakeV1Target> = {}): FakeV1Target => ({ bSwitch: false, serverIp: "", serverPort: 80, URL: "/API", keepaliveTimeval: 90, ...over });

    it("writes httpPost with the five documented fields", () => {
      const plan = ready(planHttpPost(config(undefined, v1()), WANT));
      assert.equal(plan.element, "httpPost");
      const root = parseXml(plan.body).root;
      assert.equal(child(root, "httpPostV2"), undefined);
      const post = child(root, "httpPost");
      assert.deepEqual(
        ["bSwitch", "serverIp", "serverPort", "keepaliveTimeval", "URL"].map((n) => str(child(post, n))),
        ["true", "10.0.0.5", "1880", "60", "/viewtron"],
      );
      assert.match(plan.body, /<serverIp><!\[CDATA\[10\.0\.0\.5\]\]><\/serverIp>/);
    });

    it("refuses to replace an active target of another server unless asked", () => {
      const busy = config(undefined, v1({ bSwitch: true, serverIp: "192.168.1.9" }));
      const refused = planHttpPost(busy, WANT);
      assert.ok(!refused.ok && /192\.168\.1\.9:80\/API/.test(refused.reason));
      assert.equal(ready(planHttpPost(busy, { ...WANT, replaceV1: true })).action, "replace");
    });
  });

  it("validates what it is asked to write", () => {
    const current = config([]);
    const bad: Partial<HttpPostWanted>[] = [
      { domain: "bad host" }, { domain: "<x>" }, { port: 0 }, { port: 1.5 }, { path: "viewtron" }, { path: "/a b" },
      { heartbeatSeconds: 10 }, { heartbeatSeconds: 121 }, { dataTypes: [] }, { events: ["ALL<"] },
    ];
    for (const over of bad) assert.throws(() => planHttpPost(current, { ...WANT, ...over }), RangeError, JSON.stringify(over));
    assert.throws(() => planHttpPost(current, { ...WANT, dataTypes: ["everything" as "smartData"] }), /not everything/);
  });

  it("trusts only the raw tree of `current`", () => {
    const current = config([otherServerSlot(1, "a.lan")]);
    const tampered = { ...current, httpPostV2: { maxCount: 3, urlList: [] } };
    assert.equal(ready(planHttpPost(tampered, WANT)).urlId, 2);
  });
});

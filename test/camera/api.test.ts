// The configuration API calls end to end against v1 and v2 fake cameras.
import { strict as assert } from "node:assert";
import { parseXml, at, child, items } from "../../src/protocol/xml";
import {
  CameraClient, CameraError, getDeviceInfo, getHttpPostConfig, getAlarmStatus, planHttpPost, setHttpPostConfig,
  type HttpPostWanted, type PlanReady,
} from "../../src/camera";
import { FakeCamera, FAKE_PASSWORD, FAKE_USER, otherServerSlot, type FakeCameraOptions } from "../support/fake-camera";

const WANT: HttpPostWanted = { domain: "10.0.0.5", port: 1880, path: "/viewtron", dataTypes: ["smartData", "alarmStatus", "traject", "sourceImage", "targetImage"] };

describe("camera configuration API", function () {
  this.timeout(2000);
  let camera: FakeCamera | undefined;
  afterEach(async () => {
    await camera?.close();
    camera = undefined;
  });

  async function connect(options: FakeCameraOptions): Promise<CameraClient> {
    camera = await FakeCamera.start(options);
    return new CameraClient({ address: camera.address, user: FAKE_USER, password: FAKE_PASSWORD });
  }

  describe("getDeviceInfo", () => {
    it("v1.9 camera: no apiVersion -> 1.x", async () => {
      const info = await getDeviceInfo(await connect({ api: "v1" }));
      assert.equal(info.apiVersion, "1.x");
      assert.equal(info.model, "LPR-IP4");
      assert.equal(info.serial, "FAKE0001");
      assert.equal(info.mac, "00:18:ae:12:34:56");
      assert.equal(info.firmware, "5.3.1.0-fake", "CDATA on its own indented line is trimmed");
      assert.equal(info.brand, "Viewtron");
      assert.equal(info.name, "Fake Cam");
      assert.equal(info.configVersion, "1.0");
      assert.equal(info.fields.chlMaxCount, "1");
      assert.equal(info.httpPostVersion, undefined);
    });

    it("v2 camera over Digest: apiVersion 2.0.0", async () => {
      const info = await getDeviceInfo(await connect({ api: "v2", auth: "digest" }));
      assert.equal(info.apiVersion, "2.0.0");
      assert.equal(info.configVersion, "2.0.0");
    });
  });

  describe("getHttpPostConfig", () => {
    it("v1 camera: httpPost only", async () => {
      const config = await getHttpPostConfig(await connect({ httpPost: "v1", v1Target: { bSwitch: true, serverIp: "192.168.1.9", serverPort: 80, URL: "/API", keepaliveTimeval: 90 } }));
      assert.equal(config.httpPostV2, undefined);
      assert.deepEqual(config.httpPost, {
        bSwitch: true, protocolType: "API", serverIp: "192.168.1.9", serverPort: 80, keepaliveTimeval: 90, onlineStatus: false, URL: "/API",
      });
      assert.equal(config.raw.rootName, "config");
    });

    it("v2 camera: every slot, element names as sent", async () => {
      const config = await getHttpPostConfig(await connect({ httpPost: "v2", dataTypeElement: "subDataType", slots: [otherServerSlot(1, "a.lan"), otherServerSlot(3, "c.lan", false)] }));
      assert.equal(config.httpPostV2?.maxCount, 3);
      assert.deepEqual(config.httpPostV2?.urlList.map((s) => [s.urlId, s.switch, s.domain, s.dataTypeElement]), [
        [1, true, "a.lan", "subDataType"], [3, false, "c.lan", "subDataType"],
      ]);
      assert.deepEqual(config.httpPostV2?.urlList[0].subscriptionEvents, ["PERIMETER", "TRIPWIRE"]);
    });

    it("a device without the command (error 1) -> unsupported, keeping the camera's code", async () => {
      const client = await connect({ httpPost: "v1" });
      camera!.errors.set("GetHttpPostConfig", { code: 1, desc: "Invalid Request" });
      await assert.rejects(getHttpPostConfig(client), (err: unknown) => err instanceof CameraError && err.code === "unsupported" && err.apiErrorCode === 1);
    });
  });

  it("getAlarmStatus lists every alarm with its id", async () => {
    const alarms = await getAlarmStatus(await connect({ alarms: [{ name: "motionAlarm", id: "1", active: true }, { name: "perimeterAlarm", active: false }] }));
    assert.deepEqual(alarms.map(({ alarmType, active, id }) => ({ alarmType, active, id })), [
      { alarmType: "motionAlarm", active: true, id: "1" },
      { alarmType: "perimeterAlarm", active: false, id: undefined },
    ]);
    assert.equal(alarms[0].category, "motion");
  });

  describe("setHttpPostConfig", () => {
    it("v2: writes our slot, keeps the others (even on firmware that wipes omitted slots), verifies", async () => {
      const others = [otherServerSlot(1, "a.lan"), otherServerSlot(3, "c.lan", false)];
      const client = await connect({ api: "v2", httpPost: "v2", slots: others, setReplacesList: true, auth: "digest" });
      const device = await getDeviceInfo(client);
      const plan = planHttpPost(await getHttpPostConfig(client), { ...WANT, apiVersion: device.apiVersion }) as PlanReady;
      assert.deepEqual([plan.ok, plan.action, plan.urlId], [true, "new", 2]);
      const result = await setHttpPostConfig(client, plan);
      assert.equal(result.verified, true, JSON.stringify(result.mismatches));
      assert.deepEqual(camera!.slots?.filter((s) => s.urlId !== 2), others);
      const mine = camera!.slots?.find((s) => s.urlId === 2);
      assert.deepEqual([mine?.domain, mine?.port, mine?.path, mine?.switch, mine?.heatBeatSwitch], ["10.0.0.5", 1880, "/viewtron", true, true]);

      const [set] = camera!.requestsFor("SetHttpPostConfig").filter((r) => /^Digest /.test(r.headers.authorization ?? ""));
      assert.equal(set.headers["content-type"], "application/xml");
      const root = parseXml(set.body).root;
      assert.equal(root["@_version"], "2.0.0");
      assert.equal(root["@_xmlns"], "http://www.ipc.com/ver10");
      assert.equal(child(root, "httpPost"), undefined, "only httpPostV2 is written");
      assert.equal(items(at(root, "httpPostV2", "postUrlConf", "urlList")).length, 3);
    });

    it("v2 with API 2.1's subDataType: the list is written under the camera's name", async () => {
      const client = await connect({ httpPost: "v2", dataTypeElement: "subDataType", slots: [otherServerSlot(1, "a.lan")] });
      const result = await setHttpPostConfig(client, planHttpPost(await getHttpPostConfig(client), WANT));
      assert.equal(result.verified, true, JSON.stringify(result.mismatches));
      assert.deepEqual(camera!.slots?.find((s) => s.urlId === 2)?.dataTypes, WANT.dataTypes);
      assert.doesNotMatch(camera!.requestsFor("SetHttpPostConfig")[0].body, /subscribeDateType/);
    });

    it("v1: writes httpPost in version 1.0 and reads it back", async () => {
      const client = await connect({ api: "v1", httpPost: "v1" });
      const device = await getDeviceInfo(client);
      const plan = planHttpPost(await getHttpPostConfig(client), { ...WANT, apiVersion: device.apiVersion }) as PlanReady;
      const result = await setHttpPostConfig(client, plan);
      assert.equal(result.verified, true);
      assert.deepEqual(camera!.v1Target, { bSwitch: true, serverIp: "10.0.0.5", serverPort: 1880, URL: "/viewtron", keepaliveTimeval: 60 });
      const [set] = camera!.requestsFor("SetHttpPostConfig");
      const root = parseXml(set.body).root;
      assert.equal(root["@_version"], "1.0");
      assert.deepEqual(Object.keys(root).filter((k) => !k.startsWith("@_")), ["httpPost"]);
    });

    it("reports fields that read back differently", async () => {
      const client = await connect({ httpPost: "v2", slots: [] });
      const plan = planHttpPost(await getHttpPostConfig(client), WANT) as PlanReady;
      // The camera stores what it is sent: a body that differs from the plan reads back differently.
      const mangled: PlanReady = { ...plan, body: plan.body.replace("<domain><![CDATA[10.0.0.5]]>", "<domain><![CDATA[10.0.0.6]]>") };
      const result = await setHttpPostConfig(client, mangled);
      assert.equal(result.verified, false);
      assert.deepEqual(result.mismatches.map((m) => [m.field, m.before, m.after]), [["url/domain", "10.0.0.5", "10.0.0.6"]]);
    });

    it("a refused write -> api-error with the camera's code; nothing read back", async () => {
      const client = await connect({ httpPost: "v1" });
      camera!.errors.set("SetHttpPostConfig", { code: 3, desc: "Invalid Content" });
      const plan = planHttpPost(await getHttpPostConfig(client), WANT);
      const before = camera!.requests.length;
      await assert.rejects(setHttpPostConfig(client, plan), (err: unknown) => err instanceof CameraError && err.code === "api-error" && err.apiErrorCode === 3);
      assert.equal(camera!.requests.length, before + 1);
    });

    it("a refused plan is never sent", async () => {
      const client = await connect({ httpPost: "v2", slots: [otherServerSlot(1, "a"), otherServerSlot(2, "b"), otherServerSlot(3, "c")] });
      const plan = planHttpPost(await getHttpPostConfig(client), WANT);
      await assert.rejects(setHttpPostConfig(client, plan), RangeError);
      assert.equal(camera!.requestsFor("SetHttpPostConfig").length, 0);
    });
  });
});

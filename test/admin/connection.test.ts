// "Test connection" and "Show alarm status" through the admin endpoints of a real Node-RED
// runtime (node-red-node-test-helper) against the fake camera: success, refusals, bad input,
// stored credentials behind the editor's password placeholder.
import assert from "node:assert/strict";
import { setCameraAdminTimeout } from "../../src/nodes/camera-admin/routes";
import { FakeCamera, FAKE_PASSWORD, FAKE_USER, closedPort, type FakeCameraOptions } from "../support/fake-camera";
import { TAB, config, helper, load, type FlowNode } from "../nodes/harness";
import { errorCode, errorField, post, postRaw } from "./admin-helpers";

/** Express prints the body parser's SyntaxError to stderr outside NODE_ENV=test: keep the log clean. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = (...args: unknown[]): void => {
    if (!String(args[0]).startsWith("SyntaxError")) original(...args);
  };
  try {
    return await fn();
  } finally {
    console.error = original;
  }
}

describe("admin: test connection and alarm status", function () {
  this.timeout(10_000);
  let camera: FakeCamera | undefined;

  const start = async (options: FakeCameraOptions = {}, flow: FlowNode[] = [TAB, config("cfg", 5002)], credentials = {}): Promise<FakeCamera> => {
    camera = await FakeCamera.start(options);
    await load(flow, credentials);
    return camera;
  };
  const login = (cam: FakeCamera, password = FAKE_PASSWORD): Record<string, string> => ({ address: cam.address, user: FAKE_USER, password });

  afterEach(async () => {
    setCameraAdminTimeout();
    await helper.unload();
    await camera?.close();
    camera = undefined;
  });

  it("test: model, firmware, API version and serial of a v1 camera (Basic auth)", async () => {
    const cam = await start({ api: "v1" });
    const reply = await post("test", login(cam));
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.ok, true);
    assert.deepEqual(reply.body.device, {
      name: "Fake Cam", model: "LPR-IP4", brand: "Viewtron", firmware: "5.3.1.0-fake", apiVersion: "1.x",
      serial: "FAKE0001", mac: "00:18:ae:12:34:56",
    });
    assert.equal(cam.requestsFor("GetDeviceInfo").length, 1);
  });

  it("test: a v2 camera over Digest reports API 2.0.0", async () => {
    const cam = await start({ api: "v2", auth: "digest" });
    const reply = await post("test", login(cam));
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal((reply.body.device as { apiVersion: string }).apiVersion, "2.0.0");
    assert.ok(cam.requests.some((r) => /^Digest /.test(String(r.headers.authorization))), "answered the Digest challenge");
  });

  it("test: a wrong password is 502 `auth`, and the password never appears in the answer", async () => {
    const cam = await start({ auth: "digest" });
    const reply = await post("test", login(cam, "wrong-password-123"));
    assert.equal(reply.status, 502);
    assert.equal(reply.body.ok, false);
    assert.equal(errorCode(reply), "auth");
    assert.doesNotMatch(JSON.stringify(reply.body), /wrong-password-123/);
  });

  it("test: a closed port is 502 `unreachable`", async () => {
    await start();
    const reply = await post("test", { address: `127.0.0.1:${await closedPort()}`, user: FAKE_USER, password: FAKE_PASSWORD });
    assert.equal(reply.status, 502);
    assert.equal(errorCode(reply), "unreachable");
  });

  it("test: a web page is 502 `not-viewtron`; a silent device is 504 `timeout` within the bound", async () => {
    const cam = await start();
    cam.mode = "html";
    assert.equal(errorCode(await post("test", login(cam))), "not-viewtron");
    cam.mode = "hang";
    setCameraAdminTimeout(300);
    const began = Date.now();
    const reply = await post("test", login(cam));
    assert.equal(reply.status, 504);
    assert.equal(errorCode(reply), "timeout");
    assert.ok(Date.now() - began < 3000, `took ${Date.now() - began} ms`);
  });

  it("invalid input is 400 and reaches no camera: scheme, address, types, JSON", async () => {
    const cam = await start();
    const cases: Array<[unknown, string]> = [
      [{ address: "ftp://127.0.0.1", user: "a", password: "b" }, "address"],
      [{ address: "file:///etc/passwd" }, "address"],
      [{ address: "http://admin:pw@127.0.0.1" }, "address"],
      [{ address: "127.0.0.1/GetDeviceInfo" }, "address"],
      [{ address: "" }, "address"],
      [{}, "address"],
      [{ address: 42 }, "address"],
      [{ address: cam.address, user: ["admin"] }, "user"],
      [{ address: cam.address, id: "../../etc" }, "id"],
      [{ address: "x".repeat(400) }, "address"],
    ];
    for (const [body, field] of cases) {
      const reply = await post("test", body);
      assert.equal(reply.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(reply.body)}`);
      assert.equal(errorCode(reply), "invalid-input");
      assert.equal(errorField(reply), field, JSON.stringify(body));
    }
    assert.equal((await post("test", [cam.address])).status, 400, "a JSON array");
    assert.equal((await quietly(() => postRaw("test", '{"address": "127.0.0.1"', "application/json"))).status, 400, "broken JSON");
    assert.equal((await postRaw("test", "address=", "text/plain")).status, 400, "not JSON at all");
    assert.equal((await post("plan", { address: cam.address, port: 70000 })).status, 400, "port out of range");
    assert.equal(errorField(await post("plan", { address: cam.address, heartbeat: 10 })), "heartbeat");
    assert.equal(errorField(await post("plan", { address: cam.address, serverAddress: "a b" })), "serverAddress");
    assert.equal(errorField(await post("plan", { address: cam.address, inputs: "all" })), "inputs");
    assert.equal(cam.requests.length, 0, "nothing was sent to the camera");
  });

  it("the password placeholder of the editor uses the deployed node's stored credentials", async () => {
    const flow = [TAB, config("cfg", 5002, { cameraAddress: "" })];
    const cam = await start({ auth: "digest" }, flow, { cfg: { cameraUser: FAKE_USER, cameraPassword: FAKE_PASSWORD } });
    const reply = await post("test", { id: "cfg", address: cam.address, user: FAKE_USER, password: "__PWRD__" });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal((reply.body.device as { serial: string }).serial, "FAKE0001");
    // A typed password wins over the stored one.
    assert.equal(errorCode(await post("test", { id: "cfg", address: cam.address, user: FAKE_USER, password: "typed-wrong" })), "auth");
    // An unknown (undeployed) node has no stored password.
    const missing = await post("test", { id: "new-node", address: cam.address, user: FAKE_USER, password: "__PWRD__" });
    assert.equal(missing.status, 400);
    assert.equal(errorCode(missing), "no-stored-password");
    assert.equal(errorCode(await post("test", { address: cam.address, user: FAKE_USER, password: "__PWRD__" })), "no-stored-password");
  });

  it("just the id of a deployed config: its camera address and credentials", async () => {
    camera = await FakeCamera.start({});
    await load([TAB, config("cfg", 5002, { cameraAddress: `http://${camera.address}` })], { cfg: { cameraUser: FAKE_USER, cameraPassword: FAKE_PASSWORD } });
    const reply = await post("test", { id: "cfg" });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  });

  it("alarm-status lists the camera's current alarms", async () => {
    const cam = await start({ alarms: [{ name: "motionAlarm", id: "1", active: true }, { name: "perimeterAlarm", active: false }] });
    const reply = await post("alarm-status", login(cam));
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const alarms = reply.body.alarms as Array<{ alarmType: string; active: boolean; id?: string }>;
    assert.deepEqual(alarms.map(({ alarmType, active, id }) => ({ alarmType, active, id })), [
      { alarmType: "motionAlarm", active: true, id: "1" },
      { alarmType: "perimeterAlarm", active: false, id: undefined },
    ]);
    assert.equal(errorCode(await post("alarm-status", login(cam, "nope"))), "auth");
  });
});

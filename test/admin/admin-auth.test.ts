// The permission check of the camera admin endpoints in a full Node-RED with adminAuth on:
// no token -> 401, a read-only user -> 401, a user with write permission -> the action runs.
// Also: the stored credentials behind the password placeholder, bad JSON -> 400.
import assert from "node:assert/strict";
import { FakeCamera, FAKE_PASSWORD, FAKE_USER } from "../support/fake-camera";
import { freePort } from "../support/raw-http";
import { startRed, type RedProcess } from "./red-process";

const ACTIONS = ["test", "plan", "apply", "alarm-status"];

describe("admin endpoints with adminAuth (full Node-RED in a child process)", function () {
  this.timeout(60_000);
  let red: RedProcess | undefined;
  let camera: FakeCamera | undefined;

  before(async () => {
    camera = await FakeCamera.start({ api: "v2", auth: "digest", httpPost: "v2" });
    const flows = [{ id: "cfg", type: "viewtron-config", name: "", port: await freePort(), path: "/API", cameraAddress: camera.address }];
    red = await startRed(flows, { cfg: { cameraUser: FAKE_USER, cameraPassword: FAKE_PASSWORD } });
  });
  after(async () => {
    await red?.stop();
    await camera?.close();
  });

  async function call(action: string, body: string, token?: string): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(`${red!.url}/viewtron-config/camera/${action}`, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }

  const login = (): string => JSON.stringify({ address: camera!.address, user: FAKE_USER, password: FAKE_PASSWORD });

  it("refuses every action without a token (401), before anything reaches the camera", async () => {
    for (const action of ACTIONS) assert.equal((await call(action, login())).status, 401, action);
    assert.equal((await call("test", login(), "not-a-token")).status, 401, "an invalid token");
    assert.equal(camera!.requests.length, 0);
  });

  it("refuses a read-only user (401): the actions need viewtron-config.write", async () => {
    const token = await red!.token("viewer");
    for (const action of ACTIONS) assert.equal((await call(action, login(), token)).status, 401, action);
    assert.equal(camera!.requests.length, 0);
  });

  it("runs for a user with write permission (token from /auth/token)", async () => {
    const token = await red!.token("admin");
    const reply = await call("test", login(), token);
    assert.equal(reply.status, 200, `${JSON.stringify(reply.json)}\n${red!.log()}`);
    assert.equal((reply.json?.device as { apiVersion?: string }).apiVersion, "2.0.0");
    const alarms = await call("alarm-status", login(), token);
    assert.equal(alarms.status, 200);
  });

  it("uses the stored credentials of the deployed config for the password placeholder", async () => {
    const token = await red!.token("admin");
    const reply = await call("plan", JSON.stringify({ id: "cfg", address: camera!.address, user: FAKE_USER, password: "__PWRD__", serverAddress: "10.0.0.9" }), token);
    assert.equal(reply.status, 200, JSON.stringify(reply.json));
    assert.equal((reply.json?.target as { domain?: string }).domain, "10.0.0.9");
    const byId = await call("test", JSON.stringify({ id: "cfg" }), token);
    assert.equal(byId.status, 200, JSON.stringify(byId.json));
  });

  it("answers bad JSON and bad input with 400", async () => {
    const token = await red!.token("admin");
    assert.equal((await call("test", '{"address":', token)).status, 400);
    const scheme = await call("test", JSON.stringify({ address: "gopher://127.0.0.1" }), token);
    assert.equal(scheme.status, 400);
    assert.equal((scheme.json?.error as { field?: string }).field, "address");
  });
});

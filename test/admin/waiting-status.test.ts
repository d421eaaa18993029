// viewtron-in's status says "waiting for camera ..." while the camera set in its config (camera
// address) has not posted, and turns green with the camera's first post.
import assert from "node:assert/strict";
import { defaultRegistry } from "../../src/server";
import { RawConnection, delay, freePort } from "../support/raw-http";
import { deviceInfoHeartbeat, ipcPlate, nvrKeepalive } from "../support/samples";
import { TAB, config, helper, input, load, output, waitStatus, watch, type Watched } from "../nodes/harness";

const WAITING = "viewtron-in.status.waiting"; // the test helper's RED._ returns the key

describe("viewtron-in status: waiting for the configured camera", function () {
  this.timeout(10_000);
  let port: number;
  let conns: RawConnection[];

  const start = async (cameraAddress: string): Promise<Watched> => {
    await load([TAB, config("cfg", port, { cameraAddress }), input("in", "cfg", "out"), output("out")]);
    return watch("in");
  };
  const post = async (body: string): Promise<void> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    assert.equal((await conn.request(body)).status, 200);
  };

  beforeEach(async () => {
    port = await freePort();
    conns = [];
  });
  afterEach(async () => {
    for (const conn of conns) conn.destroy();
    await helper.unload();
    assert.deepEqual(defaultRegistry.ports(), []);
  });

  it("waits (yellow ring) until the camera's address posts, then shows listening", async () => {
    const status = await start("http://127.0.0.1:8080");
    await waitStatus(status, "yellow", WAITING);
    assert.equal(status.last()?.shape, "ring");
    await post(nvrKeepalive());
    await waitStatus(status, "green", "viewtron-in.status.listening");
  });

  it("keeps waiting while only other devices post, events included", async () => {
    const status = await start("192.0.2.7");
    await waitStatus(status, "yellow", WAITING);
    await post(ipcPlate("OTHER1"));
    await delay(400); // past the status throttle
    assert.equal(status.last()?.text, WAITING);
  });

  it("counts a post whose body names the camera's address (camera behind NAT or a proxy)", async () => {
    const status = await start("192.168.1.108"); // deviceInfoHeartbeat reports ipAddress 192.168.1.108
    await waitStatus(status, "yellow", WAITING);
    await post(deviceInfoHeartbeat());
    await waitStatus(status, "green", "viewtron-in.status.listening");
  });

  it("resolves a host name once: localhost", async () => {
    const status = await start("localhost");
    await waitStatus(status, "yellow", WAITING);
    await post(nvrKeepalive());
    await waitStatus(status, "green", "viewtron-in.status.listening");
  });

  it("no camera address, or an invalid one: no waiting, the config warns about the invalid one", async () => {
    const status = await start("");
    await waitStatus(status, "green", "viewtron-in.status.listening");
    await helper.unload();
    const bad = await start("ftp://192.0.2.7");
    await waitStatus(bad, "green", "viewtron-in.status.listening");
    const configWarnings = watch("cfg").warnings.map(String);
    assert.ok(configWarnings.some((w) => w.includes("invalid-camera-address")), JSON.stringify(configWarnings));
  });
});

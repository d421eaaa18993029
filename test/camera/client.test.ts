// CameraClient against the fake camera: authentication, network failures and reply checks.
import { strict as assert } from "node:assert";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { CameraClient, CameraError, type CameraClientOptions } from "../../src/camera";
import { FakeCamera, FAKE_PASSWORD, FAKE_USER, closedPort, type FakeCameraOptions } from "../support/fake-camera";

async function rejection(promise: Promise<unknown>): Promise<CameraError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CameraError, `expected a CameraError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected a rejection");
}

/** The password must appear nowhere a user or a log could see it. */
function assertNoPassword(err: CameraError, password = FAKE_PASSWORD): void {
  for (const text of [err.message, String(err), JSON.stringify(err), inspect(err)]) {
    assert.ok(!text.includes(password), `password leaked: ${text}`);
  }
}

describe("camera client", function () {
  this.timeout(2000);
  let camera: FakeCamera | undefined;
  afterEach(async () => {
    await camera?.close();
    camera = undefined;
  });

  async function connect(fake: FakeCameraOptions, client: Partial<CameraClientOptions> = {}): Promise<CameraClient> {
    camera = await FakeCamera.start(fake);
    return new CameraClient({ address: camera.address, user: FAKE_USER, password: FAKE_PASSWORD, ...client });
  }

  it("sends Basic auth with POST /<Command>", async () => {
    const client = await connect({ auth: "basic" });
    const reply = await client.send("GetDeviceInfo");
    assert.equal(reply.doc.rootName, "config");
    assert.equal(camera!.requests.length, 1);
    const [request] = camera!.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/GetDeviceInfo");
    assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${FAKE_USER}:${FAKE_PASSWORD}`).toString("base64")}`);
  });

  it("appends the channel to the path", async () => {
    const client = await connect({ auth: "basic" });
    await client.send("GetAlarmStatus", { channel: 2 });
    assert.equal(camera!.requests[0].path, "/GetAlarmStatus/2");
  });

  it("retries with Digest MD5 after a Digest challenge, then reuses it with a higher nc", async () => {
    const client = await connect({ auth: "digest" });
    await client.send("GetDeviceInfo");
    await client.send("GetHttpPostConfig");
    const auths = camera!.requests.map((r) => r.headers.authorization ?? "");
    assert.equal(auths.length, 3, "Basic, Digest, then Digest directly");
    assert.match(auths[0], /^Basic /);
    assert.match(auths[1], /^Digest .*algorithm=MD5.*qop=auth, nc=00000001/);
    assert.match(auths[2], /^Digest .*nc=00000002/);
    assert.match(auths[2], /uri="\/GetHttpPostConfig"/);
  });

  it("prefers SHA-256 when the camera offers it", async () => {
    const client = await connect({ auth: "digest-sha256" });
    await client.send("GetDeviceInfo");
    assert.match(camera!.requests[1].headers.authorization ?? "", /^Digest .*algorithm=SHA-256/);
  });

  it("Digest covers a request body too", async () => {
    const client = await connect({ auth: "digest", httpPost: "v1" });
    const body = '<?xml version="1.0" encoding="UTF-8"?><config version="1.0" xmlns="http://www.ipc.com/ver10"><httpPost><bSwitch>false</bSwitch></httpPost></config>';
    await client.send("SetHttpPostConfig", { body });
    const sets = camera!.requestsFor("SetHttpPostConfig");
    assert.equal(sets.length, 2);
    assert.equal(sets[1].body, body, "the body is sent again on the Digest retry");
    assert.equal(sets[1].headers["content-type"], "application/xml");
  });

  for (const auth of ["basic", "digest"] as const) {
    it(`wrong password with ${auth} -> auth, without leaking the password`, async () => {
      const wrong = "Wr0ng-Passw0rd";
      const client = await connect({ auth }, { password: wrong });
      const err = await rejection(client.send("GetDeviceInfo"));
      assert.equal(err.code, "auth");
      assert.match(err.message, /admin/);
      assertNoPassword(err, wrong);
      assertNoPassword(err);
      assert.ok(camera!.requests.length <= 2, "no retry loop");
    });
  }

  it("never shows the password when inspecting the client", async () => {
    const client = await connect({ auth: "basic" });
    assert.ok(!inspect(client, { showHidden: true, depth: 5 }).includes(FAKE_PASSWORD));
    assert.ok(!JSON.stringify(client).includes(FAKE_PASSWORD));
  });

  it("closed port -> unreachable", async () => {
    const port = await closedPort();
    const client = new CameraClient({ address: `127.0.0.1:${port}`, user: FAKE_USER, password: FAKE_PASSWORD });
    const err = await rejection(client.send("GetDeviceInfo"));
    assert.equal(err.code, "unreachable");
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assertNoPassword(err);
  });

  it("a camera that never answers -> timeout within the configured time", async () => {
    const client = await connect({}, { timeoutMs: 200 });
    camera!.mode = "hang";
    const started = Date.now();
    const err = await rejection(client.send("GetDeviceInfo"));
    assert.equal(err.code, "timeout");
    assert.match(err.message, /200 ms/);
    assert.ok(Date.now() - started < 1000);
    assertNoPassword(err);
  });

  it("a web page -> not-viewtron", async () => {
    const client = await connect({});
    camera!.mode = "html";
    const err = await rejection(client.send("GetDeviceInfo"));
    assert.equal(err.code, "not-viewtron");
    assert.match(err.message, /web page/);
    assertNoPassword(err);
  });

  it("an error reply -> api-error with the camera's code and description", async () => {
    const client = await connect({});
    camera!.errors.set("GetDeviceInfo", { code: 4, desc: "Permission Denied" });
    const err = await rejection(client.send("GetDeviceInfo"));
    assert.equal(err.code, "api-error");
    assert.equal(err.apiErrorCode, 4);
    assert.equal(err.apiErrorDesc, "Permission Denied");
    assert.equal(err.command, "GetDeviceInfo");
    assert.match(err.message, /error 4 \(Permission Denied\)/);
  });

  it("an error reply without errorDesc (v1.9) uses the documented meaning", async () => {
    const client = await connect({});
    camera!.errors.set("GetDeviceInfo", { code: 1 });
    const err = await rejection(client.send("GetDeviceInfo"));
    assert.equal(err.apiErrorCode, 1);
    assert.match(err.message, /invalid request/);
  });

  it("an errorDesc echoing the password is redacted", async () => {
    const client = await connect({});
    camera!.errors.set("GetDeviceInfo", { code: 9, desc: `bad login ${FAKE_PASSWORD}` });
    const err = await rejection(client.send("GetDeviceInfo"));
    assert.equal(err.code, "api-error");
    assertNoPassword(err);
    assert.match(err.message, /\*\*\*/);
  });

  describe("with a hand-written server", () => {
    let server: http.Server | undefined;
    afterEach(async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    });

    async function serve(handler: http.RequestListener, client: Partial<CameraClientOptions> = {}): Promise<CameraClient> {
      server = http.createServer(handler);
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return new CameraClient({ address: `127.0.0.1:${port}`, user: FAKE_USER, password: FAKE_PASSWORD, ...client });
    }

    it("a reply over the size cap -> bad-response", async () => {
      const client = await serve((_req, res) => res.end(`<config>${"x".repeat(5000)}</config>`), { maxBodyBytes: 1000 });
      const err = await rejection(client.send("GetDeviceInfo"));
      assert.equal(err.code, "bad-response");
      assert.match(err.message, /larger than 1000 bytes/);
    });

    it("HTTP 404 -> not-viewtron; HTTP 400 with an empty body -> unsupported", async () => {
      const client = await serve((req, res) => {
        res.statusCode = req.url === "/GetDeviceInfo" ? 404 : 400;
        res.end();
      });
      assert.equal((await rejection(client.send("GetDeviceInfo"))).code, "not-viewtron");
      assert.equal((await rejection(client.send("GetSupportedAPIs"))).code, "unsupported");
    });

    it("XML that is not a <config> document -> not-viewtron; broken XML -> bad-response", async () => {
      const client = await serve((req, res) => res.end(req.url === "/GetDeviceInfo" ? "<root><a>1</a></root>" : "<config><open></config>"));
      assert.equal((await rejection(client.send("GetDeviceInfo"))).code, "not-viewtron");
      assert.equal((await rejection(client.send("GetHttpPostConfig"))).code, "bad-response");
    });

    it("JSON -> not-viewtron", async () => {
      const client = await serve((_req, res) => res.end('{"status":"ok"}'));
      assert.equal((await rejection(client.send("GetDeviceInfo"))).code, "not-viewtron");
    });

    it("401 without any usable challenge -> auth after one try", async () => {
      let count = 0;
      const client = await serve((_req, res) => {
        count++;
        res.writeHead(401, { "WWW-Authenticate": 'Negotiate' });
        res.end();
      });
      const err = await rejection(client.send("GetDeviceInfo"));
      assert.equal(err.code, "auth");
      assert.equal(count, 1);
    });

    it("a redirect is reported, not followed", async () => {
      const client = await serve((_req, res) => {
        res.writeHead(302, { Location: "https://127.0.0.1/GetDeviceInfo" });
        res.end();
      });
      const err = await rejection(client.send("GetDeviceInfo"));
      assert.equal(err.code, "bad-response");
      assert.match(err.message, /redirects .* https:\/\/127\.0\.0\.1/);
    });

    it("https to a plain http port -> unreachable with a TLS hint", async () => {
      const client = await serve((_req, res) => res.end());
      const https = new CameraClient({ address: `https://${client.address.hostname}:${client.address.port}`, user: FAKE_USER, password: FAKE_PASSWORD, timeoutMs: 1000 });
      const err = await rejection(https.send("GetDeviceInfo"));
      assert.ok(err.code === "unreachable" || err.code === "timeout", err.code);
      assertNoPassword(err);
    });
  });

  it("refuses malformed command names and channels before sending", async () => {
    const client = await connect({});
    await assert.rejects(client.send("../etc"), RangeError);
    await assert.rejects(client.send("GetAlarmStatus", { channel: "1/x" }), RangeError);
    assert.equal(camera!.requests.length, 0);
  });
});

// `npm start` end to end: Node-RED starts with the demo flow, the simulator's events reach the
// editor's debug sidebar (the comms websocket the editor itself listens on).
import assert from "node:assert/strict";
import { spawn, execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { repoRoot } from "../support/paths";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", () => resolve(0));
  });
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface CommsMessage {
  topic: string;
  data: { name?: string; msg?: string; format?: string; topic?: string };
}

describe("npm start (demo)", function () {
  this.timeout(90_000);
  let redProcess: ChildProcess | undefined;
  let ws: WebSocket | undefined;
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "viewtron-demo-"));

  after(async () => {
    ws?.terminate();
    if (redProcess && redProcess.exitCode === null) {
      const exited = new Promise((r) => redProcess!.once("exit", r));
      redProcess.kill("SIGINT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (redProcess.exitCode === null) redProcess.kill("SIGKILL");
    }
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  it("starts Node-RED with the demo flow and shows the simulator's events in the debug sidebar", async () => {
    const [editorPort, cameraPort] = [await freePort(), await freePort()];
    redProcess = spawn(
      process.execPath,
      [path.join(repoRoot(), "scripts", "start.js"), "--port", String(editorPort), "--camera-port", String(cameraPort),
        "--user-dir", userDir, "--fresh"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let log = "";
    redProcess.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    redProcess.stderr?.on("data", (d: Buffer) => (log += d.toString()));

    await waitFor("the editor", async () => ((await get(`http://127.0.0.1:${editorPort}/`)) === 200 ? true : undefined), 45_000)
      .catch((err: Error) => { throw new Error(`${err.message}\n${log}`); });

    const debug: CommsMessage[] = [];
    ws = new WebSocket(`ws://127.0.0.1:${editorPort}/comms`);
    await new Promise<void>((resolve, reject) => {
      ws!.once("open", () => resolve());
      ws!.once("error", reject);
    });
    ws.on("message", (raw: WebSocket.RawData) => {
      const parsed = JSON.parse(raw.toString()) as CommsMessage | CommsMessage[];
      for (const m of Array.isArray(parsed) ? parsed : [parsed]) if (m.topic === "debug") debug.push(m);
    });
    ws.send(JSON.stringify({ subscribe: "debug" }));

    // The demo's listener is up once the flow is deployed.
    await waitFor("the camera port", () => new Promise<boolean | undefined>((resolve) => {
      const s = net.connect(cameraPort, "127.0.0.1");
      s.once("connect", () => { s.destroy(); resolve(true); });
      s.once("error", () => { s.destroy(); resolve(undefined); });
    }), 30_000).catch((err: Error) => { throw new Error(`${err.message}\n${log}`); });

    const sim = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [path.join(repoRoot(), "bin", "viewtron-simulate"), "--url", `http://127.0.0.1:${cameraPort}/API`,
        "--type", "VEHICE", "--plate", "DEMO123", "--count", "2"], { timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, out: stdout + stderr }));
    });
    assert.equal(sim.code, 0, sim.out);

    const plate = await waitFor("a plate in the debug sidebar", async () =>
      debug.find((m) => m.data.name === "Licence plates" && (m.data.msg ?? "").includes("DEMO123")), 15_000);
    assert.match(plate.data.msg ?? "", /"category":\s*"lpr"/);
  });
});

// Our stack under test: a real Node-RED runtime used as a library (RED.init + RED.start) with this
// checkout linked into a temporary user directory, and the flow
//   viewtron-config (port, /API, defaults) -> viewtron-in (events, alarmStatus, traject, images) -> bench-count
import { createServer, request } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type NodeRed from "node-red";
import { COUNTER_HTML, COUNTER_TYPE } from "./counter-node";
import { recorder } from "./stats";

/** The checkout root (this file runs from dist/scripts/bench/). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** Node-RED's main file: the devDependency, or the install named by VIEWTRON_NODE_RED (as the tests). */
export function nodeRedMain(): string {
  const other = process.env.VIEWTRON_NODE_RED;
  return other ? require.resolve(path.resolve(other)) : require.resolve("node-red", { paths: [REPO_ROOT] });
}

export function nodeRedVersion(): string {
  try {
    const pkg = require(path.join(path.dirname(nodeRedMain()), "..", "package.json")) as { version?: string };
    return pkg.version ?? "?";
  } catch {
    return "?";
  }
}

export interface RunningRed {
  version: string;
  stop(): Promise<void>;
}

interface LogRecord {
  level: number;
  msg?: unknown;
  type?: string;
  id?: string;
}

export function benchFlow(port: number): object[] {
  return [
    { id: "bench-tab", type: "tab", label: "bench" },
    { id: "bench-cfg", type: "viewtron-config", name: "bench", port, path: "/API" },
    {
      id: "bench-in", type: "viewtron-in", z: "bench-tab", name: "", config: "bench-cfg",
      events: true, alarmStatus: true, traject: true, connection: false, images: true, raw: false,
      x: 120, y: 80, wires: [["bench-count"]],
    },
    { id: "bench-count", type: COUNTER_TYPE, z: "bench-tab", name: "", x: 340, y: 80, wires: [] },
  ];
}

/** Starts Node-RED with the bench flow; resolves once the camera port answers a heartbeat. */
export async function startRed(port: number): Promise<RunningRed> {
  const dir = mkdtempSync(path.join(tmpdir(), "viewtron-bench-"));
  const userDir = path.join(dir, "user");
  const nodesDir = path.join(dir, "nodes");
  mkdirSync(path.join(userDir, "node_modules"), { recursive: true });
  mkdirSync(nodesDir, { recursive: true });
  symlinkSync(REPO_ROOT, path.join(userDir, "node_modules", "node-red-contrib-viewtron-events"), "dir");
  writeFileSync(
    path.join(userDir, "package.json"),
    JSON.stringify({ name: "viewtron-bench", private: true, dependencies: { "node-red-contrib-viewtron-events": "*" } }),
  );
  writeFileSync(path.join(userDir, "flows.json"), JSON.stringify(benchFlow(port)));
  const counterModule = path.join(__dirname, "counter-node.js");
  writeFileSync(path.join(nodesDir, `${COUNTER_TYPE}.js`), `module.exports = require(${JSON.stringify(counterModule)}).default;\n`);
  writeFileSync(path.join(nodesDir, `${COUNTER_TYPE}.html`), COUNTER_HTML);

  const RED = require(nodeRedMain()) as typeof NodeRed;
  const settings = {
    userDir,
    nodesDir: [nodesDir],
    flowFile: "flows.json",
    credentialSecret: false,
    httpAdminRoot: false,
    httpNodeRoot: false,
    disableEditor: true,
    editorTheme: { tours: false },
    diagnostics: { enabled: false },
    runtimeState: { enabled: false },
    telemetry: { enabled: false },
    logging: {
      console: { level: process.env.BENCH_RED_LOG ?? "off" },
      bench: {
        level: "warn",
        handler: () => (record: LogRecord) => {
          const text = typeof record.msg === "string" ? record.msg : JSON.stringify(record.msg);
          recorder.log(`[${record.type ?? "runtime"}${record.id ? `:${record.id}` : ""}] ${text}`);
        },
      },
    },
  };
  // Typed for RED.init; Node-RED reads more keys than its published settings type lists.
  RED.init(createServer(), settings as unknown as Parameters<typeof RED.init>[1]);
  await RED.start();
  const version = RED.version;
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  process.once("exit", cleanup);
  try {
    await waitForHeartbeatReply(port, 20_000);
  } catch (err) {
    const logs = recorder.snapshot().logSample.join(" | ");
    throw new Error(`${(err as Error).message}; Node-RED said: ${logs || "(nothing)"}`);
  }
  recorder.clearLogs(); // start-up notices (projects off, unencrypted credentials) are no finding
  return {
    version,
    stop: async () => {
      await RED.stop();
      cleanup();
    },
  };
}

/** Posts empty heartbeats until one gets a 200 (the listener is up), or gives up. */
export async function waitForHeartbeatReply(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/API", method: "POST", headers: { "Content-Length": "0", Connection: "close" }, agent: false },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end();
    });
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`no listener answered on port ${port} within ${timeoutMs} ms (last status ${status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

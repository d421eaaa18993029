// A real Node-RED with its editor, as a child process: this checkout linked into a temporary user
// directory, the editor on a free port. Node-RED is the devDependency, or the install named
// by VIEWTRON_NODE_RED (CI's second stage: Node-RED 5 on Node 22, which is then process.execPath).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { redPath } from "./red";
import { repoRoot } from "./paths";
import { freePort } from "./raw-http";

export interface RedEditor {
  url: string;
  version: string;
  /** Everything Node-RED printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface Fetched {
  status: number;
  type: string;
  body: Buffer;
}

/** A GET; status 0 when nothing answers in time. */
export function get(url: string, headers: Record<string, string> = {}, timeoutMs = 2000): Promise<Fetched> {
  return new Promise((resolve) => {
    const req = http.get(url, { headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks) }));
      res.on("error", () => resolve({ status: 0, type: "", body: Buffer.alloc(0) }));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve({ status: 0, type: "", body: Buffer.alloc(0) }));
  });
}

/** The node-red package folder (its CLI is red.js there, beside lib/). */
function nodeRedDir(): string {
  let dir = path.dirname(redPath());
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${redPath()}`);
    dir = up;
  }
  return dir;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Starts Node-RED with an empty flow; resolves once the editor answers. */
export async function startRedEditor(timeoutMs = 30_000): Promise<RedEditor> {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "viewtron-browser-"));
  fs.mkdirSync(path.join(userDir, "node_modules"));
  fs.symlinkSync(repoRoot(), path.join(userDir, "node_modules", "node-red-contrib-viewtron-events"), "dir");
  fs.writeFileSync(
    path.join(userDir, "package.json"),
    JSON.stringify({ name: "viewtron-browser-test", private: true, dependencies: { "node-red-contrib-viewtron-events": "*" } }),
  );
  const port = await freePort();
  const settings = {
    uiHost: "127.0.0.1",
    uiPort: port,
    flowFile: "flows.json",
    credentialSecret: false,
    // No first-run tour, no update-check question, no palette catalogue from the internet.
    editorTheme: { tours: false, palette: { catalogues: [] } },
    diagnostics: { enabled: false },
    telemetry: { enabled: false },
    logging: { console: { level: "info" } },
  };
  // The editor's own per-user settings: no rotating tips in the sidebar, no welcome tour.
  const view = { "view-show-tips": false, "view-show-welcome-tours": false };
  fs.writeFileSync(path.join(userDir, ".config.users.json"), JSON.stringify({ _: { editor: { view } } }));
  const settingsFile = path.join(userDir, "settings.js");
  fs.writeFileSync(settingsFile, `module.exports = ${JSON.stringify(settings, null, 2)};\n`);

  const dir = nodeRedDir();
  const version = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  const child = spawn(process.execPath, [path.join(dir, "red.js"), "--userDir", userDir, "--settings", settingsFile], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    await stopChild(child);
    fs.rmSync(userDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  while ((await get(url)).status !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Node-RED ${version} did not serve the editor within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, version, log: () => output, stop };
}

// A full Node-RED in a child process (the tested Node-RED: devDependency or VIEWTRON_NODE_RED),
// with this package linked into a temporary user directory, adminAuth on with two users:
// `admin` (permissions "*") and `viewer` (permissions "read").
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/paths";
import { freePort } from "../support/raw-http";
import { redPath } from "../support/red";

export const USERS = {
  admin: { password: "admin-Pa55", permissions: "*" },
  viewer: { password: "viewer-Pa55", permissions: "read" },
} as const;

export interface RedProcess {
  url: string;
  /** An access token from /auth/token for one of USERS. */
  token(user: keyof typeof USERS): Promise<string>;
  /** Everything Node-RED printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

// Functions are allowed in settings.js: users and authenticate without bcrypt hashes.
const SETTINGS = (port: number): string => `const users = ${JSON.stringify(USERS)};
const user = (name) => users[name] ? { username: name, permissions: users[name].permissions } : null;
module.exports = {
  uiHost: "127.0.0.1",
  uiPort: ${port},
  flowFile: "flows.json",
  credentialSecret: false,
  editorTheme: { tours: false },
  diagnostics: { enabled: false },
  runtimeState: { enabled: false },
  telemetry: { enabled: false },
  logging: { console: { level: "warn" } },
  adminAuth: {
    type: "credentials",
    users: (name) => Promise.resolve(user(name)),
    authenticate: (name, password) => Promise.resolve(users[name] && users[name].password === password ? user(name) : null),
  },
};
`;

export async function startRed(flows: object[], credentials: Record<string, object>, timeoutMs = 45_000): Promise<RedProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "viewtron-admin-"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(repoRoot(), path.join(dir, "node_modules", "node-red-contrib-viewtron-events"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "viewtron-admin-test", private: true, dependencies: { "node-red-contrib-viewtron-events": "*" } }));
  fs.writeFileSync(path.join(dir, "flows.json"), JSON.stringify(flows));
  fs.writeFileSync(path.join(dir, "flows_cred.json"), JSON.stringify(credentials));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, "settings.js"), SETTINGS(port));
  const url = `http://127.0.0.1:${port}`;
  const redJs = redCli();
  const child: ChildProcess = spawn(process.execPath, [redJs, "--userDir", dir, "--settings", path.join(dir, "settings.js")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const token = async (name: keyof typeof USERS): Promise<string> => {
    const form = new URLSearchParams({ client_id: "node-red-editor", grant_type: "password", scope: USERS[name].permissions, username: name, password: USERS[name].password });
    const res = await fetch(`${url}/auth/token`, { method: "POST", body: form, signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { access_token?: string };
    if (!res.ok || !body.access_token) throw new Error(`no token for ${name}: HTTP ${res.status}`);
    return body.access_token;
  };

  try {
    const deadline = Date.now() + timeoutMs;
    // Up once the editor answers, the flows (and their credentials) loaded once /flows lists them.
    const admin = await waitFor(deadline, async () => (await reachable(`${url}/auth/login`)) ? token("admin") : undefined);
    await waitFor(deadline, async () => {
      const res = await fetch(`${url}/flows`, { headers: { Authorization: `Bearer ${admin}` }, signal: AbortSignal.timeout(5000) });
      const text = await res.text();
      return res.ok && flows.every((n) => text.includes(JSON.stringify((n as { id: string }).id))) ? true : undefined;
    });
  } catch (err) {
    await stop();
    throw new Error(`Node-RED did not start: ${(err as Error).message}\n${output}`);
  }
  return { url, token, log: () => output, stop };
}

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function waitFor<T>(deadline: number, probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The `node-red` command's script of the tested Node-RED (its package.json `bin`). */
function redCli(): string {
  let dir = path.dirname(redPath());
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; bin?: Record<string, string> | string };
      if (pkg.name === "node-red") {
        const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["node-red"];
        return path.join(dir, bin ?? "red.js");
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no node-red package above ${redPath()}`);
    dir = up;
  }
}

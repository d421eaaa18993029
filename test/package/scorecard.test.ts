// The flow library's scorecard, offline: `node-red-dev validate` needs the online flow catalogue,
// so these are its rules that can be checked here, applied to the package exactly as `npm pack`
// builds it (the tarball, unpacked), not to the work tree.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import semver from "semver";
import { repoRoot } from "../support/paths";
import { coreNodesDir } from "../support/red";

interface PackageJson {
  name: string;
  version?: string;
  license?: string;
  keywords?: string[];
  repository?: string | { url?: string };
  bugs?: string | { url?: string };
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  "node-red"?: { version?: string; nodes?: Record<string, string> };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;
const urlOf = (v: string | { url?: string } | undefined): string => (typeof v === "string" ? v : v?.url ?? "");

/** Node types registered in a node's editor file: `RED.nodes.registerType("name", {...})`. */
function registeredTypes(html: string): string[] {
  return [...html.matchAll(/RED\.nodes\.registerType\(\s*["']([^"']+)["']/g)].map((m) => m[1]);
}

/** Every node type the installed Node-RED ships as a core node. */
function coreNodeTypes(): Set<string> {
  const types = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".html")) registeredTypes(fs.readFileSync(file, "utf8")).forEach((t) => types.add(t));
    }
  };
  walk(coreNodesDir());
  return types;
}

describe("flow library scorecard (offline rules, on the packed package)", function () {
  this.timeout(60_000);
  let root = "";
  let tmp = "";
  let pkg: PackageJson;
  let nodes: Record<string, string>;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "viewtron-pack-"));
    // --ignore-scripts: the suite has built already; pack must not rebuild here.
    const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], {
      cwd: repoRoot(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"],
    });
    const tarball = path.join(tmp, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
    execFileSync("tar", ["xzf", tarball, "-C", tmp]);
    root = path.join(tmp, "package");
    pkg = readJson<PackageJson>(path.join(root, "package.json"));
    nodes = pkg["node-red"]?.nodes ?? {};
  });

  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  it("has a licence, named in package.json and shipped as a file", () => {
    assert.ok(pkg.license && pkg.license !== "UNLICENSED", `license: ${pkg.license}`);
    assert.ok(fs.existsSync(path.join(root, "LICENSE")));
  });

  it("has a repository or bugs URL", () => {
    assert.match(urlOf(pkg.repository) || urlOf(pkg.bugs), /^(git\+)?https:\/\//);
  });

  it("has the node-red keyword and a name the flow library accepts", () => {
    assert.ok(pkg.keywords?.includes("node-red"));
    assert.match(pkg.name, /^node-red-contrib-[a-z0-9-]+$/);
  });

  it("declares a node-red.version covering Node-RED 4.x and 5.x", () => {
    const range = pkg["node-red"]?.version ?? "";
    assert.ok(semver.validRange(range), `node-red.version: ${range}`);
    for (const v of ["4.0.0", "4.1.15", "5.0.0", "5.9.0"]) assert.ok(semver.satisfies(v, range), `${v} in ${range}`);
  });

  // Against the oldest Node-RED line we support (the 4.x devDependency, Node >= 18.5): Node-RED 5
  // itself needs Node 22.9, which its own engines field already enforces for its users.
  it("requires no older Node.js than the oldest Node-RED it supports does", () => {
    const ours = semver.minVersion(pkg.engines?.node ?? "");
    assert.ok(ours, `engines.node: ${pkg.engines?.node}`);
    const red = readJson<PackageJson>(require.resolve("node-red/package.json"));
    assert.ok(semver.satisfies(red.version ?? "", pkg["node-red"]?.version ?? ""), "the devDependency is a supported line");
    const theirs = semver.minVersion(red.engines?.node ?? "0.0.0");
    assert.ok(theirs && semver.gte(ours, theirs), `ours ${ours} vs Node-RED's ${theirs}`);
  });

  it("has at most 6 production dependencies", () => {
    assert.ok(Object.keys(pkg.dependencies ?? {}).length <= 6, JSON.stringify(pkg.dependencies));
  });

  it("registers in each editor file exactly the node type package.json names", () => {
    assert.ok(Object.keys(nodes).length >= 3);
    for (const [type, entry] of Object.entries(nodes)) {
      assert.ok(fs.existsSync(path.join(root, entry)), `${type}: ${entry}`);
      const html = fs.readFileSync(path.join(root, entry.replace(/\.js$/, ".html")), "utf8");
      assert.deepEqual(registeredTypes(html), [type]);
    }
  });

  it("uses every node type in at least one example flow", () => {
    const used = new Set<string>();
    const dir = path.join(root, "examples");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      for (const node of readJson<Array<{ type: string }>>(path.join(dir, file))) used.add(node.type);
    }
    for (const type of Object.keys(nodes)) assert.ok(used.has(type), `${type} is in no example`);
  });

  it("has no node type that clashes with a Node-RED core node", () => {
    const core = coreNodeTypes();
    assert.ok(core.has("inject") && core.has("debug") && core.has("http in"), "core node list found");
    for (const type of Object.keys(nodes)) assert.ok(!core.has(type), `${type} is a core node type`);
  });

  it("has help text and an icon file for every node type", () => {
    for (const [type, entry] of Object.entries(nodes)) {
      const dir = path.dirname(path.join(root, entry));
      const help = fs.readFileSync(path.join(dir, "locales", "en-US", `${type}.html`), "utf8");
      assert.match(help, new RegExp(`data-help-name="${type}"`));
      assert.ok(help.replace(/<[^>]+>/g, "").trim().length > 200, `${type}: help text too short`);
      const editor = fs.readFileSync(path.join(root, entry.replace(/\.js$/, ".html")), "utf8");
      const icon = /icon:\s*["']([^"']+)["']/.exec(editor)?.[1];
      assert.ok(icon, `${type}: no icon in registerType`);
      const svg = fs.readFileSync(path.join(dir, "icons", icon), "utf8");
      assert.match(svg, /<svg[\s>]/, `${type}: ${icon} is not an SVG`);
    }
  });
});

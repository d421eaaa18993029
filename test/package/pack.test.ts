// `npm pack` ships exactly what a user needs: compiled code, the node files, examples, icons.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { repoRoot } from "../support/paths";

interface PackEntry {
  files: Array<{ path: string }>;
}

const ALLOWED = [/^dist\/src\/.+\.(js|d\.ts)$/, /^nodes\/[^/]+\.(js|html)$/, /^nodes\/locales\/[^/]+\/[^/]+\.(json|html)$/,
  /^nodes\/icons\/[^/]+\.svg$/, /^icons\/[^/]+\.svg$/, /^examples\/[^/]+\.json$/, /^bin\/[^/]+$/,
  /^(README\.md|LICENSE|package\.json)$/];

describe("npm pack", function () {
  this.timeout(60_000);
  let files: string[] = [];

  before(() => {
    // --ignore-scripts: the suite has built already; pack must not rebuild (slow) here.
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: repoRoot(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"],
    });
    files = (JSON.parse(out) as PackEntry[])[0].files.map((f) => f.path).sort();
  });

  it("ships only compiled code, node files, examples, icons, README, LICENSE and package.json", () => {
    const stray = files.filter((file) => !ALLOWED.some((re) => re.test(file)));
    assert.deepEqual(stray, []);
    assert.ok(!files.some((f) => f.startsWith("dist/test/") || f.startsWith("test/") || f.endsWith(".ts") && !f.endsWith(".d.ts")));
  });

  it("ships the main entry and, for every registered node, its runtime and editor file", () => {
    assert.ok(files.includes("dist/src/index.js"));
    assert.ok(files.includes("LICENSE"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(`${repoRoot()}/package.json`) as { "node-red": { nodes: Record<string, string> } };
    for (const [type, entry] of Object.entries(pkg["node-red"].nodes)) {
      assert.ok(files.includes(entry), `${type}: ${entry}`);
      assert.ok(files.includes(entry.replace(/\.js$/, ".html")), `${type}: editor html`);
      assert.ok(files.includes(`dist/src/nodes/${type}.js`), `${type}: compiled runtime`);
    }
  });
});

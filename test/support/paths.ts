// Where things are, for tests compiled to dist/test/** and run from anywhere.
import * as fs from "node:fs";
import * as path from "node:path";

let cachedRoot: string | undefined;

/** The repository root: the nearest folder above this file that holds a package.json. */
export function repoRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return (cachedRoot = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
}

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return path.join(repoRoot(), ...parts);
}

/**
 * The shared material folder beside the repository (`../shared`), or `VIEWTRON_SHARED` when set;
 * undefined when it does not exist (a user's fresh clone).
 */
export function sharedDir(): string | undefined {
  const candidate = process.env.VIEWTRON_SHARED || path.resolve(repoRoot(), "..", "shared");
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** Every *.xml below `dir`, as sorted forward-slash paths relative to it. */
export function xmlFilesBelow(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...xmlFilesBelow(dir, child));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(".xml")) out.push(child);
  }
  return out.sort();
}

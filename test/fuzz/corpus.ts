// The seed corpus of the fuzz tests: every XML fixture, the vendor's (../shared, read in place,
// config-API documents included: they are bodies a confused camera may post) and our own.
import * as fs from "node:fs";
import * as path from "node:path";
import { repoPath, sharedDir, xmlFilesBelow } from "../support/paths";

export interface Seed {
  /** `shared/<rel>` or `own/<rel>`: stable across machines, used in case ids. */
  id: string;
  bytes: Buffer;
}

/** The vendor fixtures folder, or undefined in a fresh clone without ../shared. */
export function sharedFixturesDir(): string | undefined {
  const shared = sharedDir();
  const dir = shared === undefined ? undefined : path.join(shared, "fixtures", "viewtron");
  return dir !== undefined && fs.existsSync(dir) ? dir : undefined;
}

let cached: Seed[] | undefined;

/** Every fixture, shared first; each file read once per run. */
export function corpus(): Seed[] {
  if (cached !== undefined) return cached;
  const seeds: Seed[] = [];
  const shared = sharedFixturesDir();
  if (shared !== undefined) {
    for (const rel of xmlFilesBelow(shared)) seeds.push({ id: `shared/${rel}`, bytes: fs.readFileSync(path.join(shared, rel)) });
  }
  const own = repoPath("test", "fixtures");
  for (const rel of xmlFilesBelow(own)) seeds.push({ id: `own/${rel}`, bytes: fs.readFileSync(path.join(own, rel)) });
  return (cached = seeds);
}

/** CI must fuzz the vendor samples too; a user's clone without ../shared fuzzes our own only. */
export function requireShared(): void {
  if (sharedFixturesDir() !== undefined) return;
  if (/^(true|1)$/i.test(process.env.CI ?? "")) throw new Error("CI=true but ../shared/fixtures/viewtron is missing");
  console.log("      (../shared/fixtures not found: fuzzing our own fixtures only)");
}

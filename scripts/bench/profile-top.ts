// Prints the hottest functions of a V8 .cpuprofile (from `npm run bench -- --profile DIR`):
//   node dist/scripts/bench/profile-top.js DIR/ours-small.cpuprofile [count] [filter]
// Self time per function (file:line), and inclusive time of frames whose name contains `filter`
// (default: this package's dist/src).
import { readFileSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface FrameTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

function frameName(f: CallFrame): string {
  const file = f.url ? f.url.replace(/^file:\/\//, "") : "";
  const short = file.includes("node_modules/") ? file.slice(file.lastIndexOf("node_modules/") + 13) : file ? path.relative(process.cwd(), file) : "";
  return `${f.functionName || "(anonymous)"}${short ? ` ${short}:${f.lineNumber + 1}` : ""}`;
}

export function summarize(profile: CpuProfile): { totalMs: number; frames: FrameTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per node from samples and their deltas (hitCount alone ignores varying intervals).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + us);
    // Inclusive: once per distinct function name on the stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (!n) break;
      const nm = frameName(n.callFrame);
      if (seen.has(nm)) continue;
      seen.add(nm);
      total.set(nm, (total.get(nm) ?? 0) + us);
    }
  }
  const frames = [...total.keys()].map((name) => ({ name, selfMs: (self.get(name) ?? 0) / 1000, totalMs: (total.get(name) ?? 0) / 1000 }));
  return { totalMs: (profile.endTime - profile.startTime) / 1000, frames };
}

function main(argv: string[]): void {
  const [file, countArg, filterArg] = argv;
  const filter = filterArg ?? "dist/src/";
  if (!file) {
    process.stderr.write("usage: node dist/scripts/bench/profile-top.js FILE.cpuprofile [count]\n");
    process.exit(2);
  }
  const count = Number(countArg) || 25;
  const { totalMs, frames } = summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  const busy = frames.filter((f) => !/^\((idle|program|garbage collector)\)/.test(f.name)).reduce((s, f) => s + f.selfMs, 0);
  const pct = (ms: number): string => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  process.stdout.write(`${file}: ${totalMs.toFixed(0)} ms profiled, ${busy.toFixed(0)} ms in JS/native frames\n\nself time:\n`);
  for (const f of [...frames].sort((a, b) => b.selfMs - a.selfMs).slice(0, count)) {
    process.stdout.write(`${pct(f.selfMs)} ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}\n`);
  }
  process.stdout.write(`\ninclusive time, frames matching "${filter}":\n`);
  for (const f of frames.filter((x) => x.name.includes(filter)).sort((a, b) => b.totalMs - a.totalMs).slice(0, count)) {
    process.stdout.write(`${pct(f.totalMs)} ${f.totalMs.toFixed(0).padStart(7)} ms  ${f.name}\n`);
  }
}

if (require.main === module) main(process.argv.slice(2));

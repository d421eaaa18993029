// A small seeded PRNG for the fuzz tests (no dependency). Every case gets its own stream,
// derived from (run seed, label, case index), so one failing case can be replayed alone.
//
//   VIEWTRON_FUZZ_SEED=<n>    run seed (default: a fixed value, so CI is deterministic)
//   VIEWTRON_FUZZ_CASES=<n>   cases per fixture in the parseMessage fuzz (HTTP runs a fraction)
//   VIEWTRON_FUZZ_ONLY=<id>   run one case ("shared/ipc-v1x/lpr.xml#17", or "lpr.xml#17"), or every case
//                             whose id contains the text (e.g. "ipc-v1x/")

export const DEFAULT_SEED = 0x5eed_2026;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative integer`);
  return value;
}

export const fuzzSeed = (): number => envInt("VIEWTRON_FUZZ_SEED", DEFAULT_SEED) >>> 0;
export const fuzzCases = (fallback: number): number => envInt("VIEWTRON_FUZZ_CASES", fallback);
export const fuzzOnly = (): string | undefined => process.env.VIEWTRON_FUZZ_ONLY || undefined;

/** Whether case `id` runs: all without VIEWTRON_FUZZ_ONLY; one exact case for `file#n`; else by substring. */
export function selected(id: string, only = fuzzOnly()): boolean {
  if (only === undefined) return true;
  return /#\d+$/.test(only) ? id === only || id.endsWith(`/${only}`) : id.includes(only);
}

/** FNV-1a over a string: turns labels (file names) into stream numbers. */
export function hash32(text: string, start = 0x811c9dc5): number {
  let h = start >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** sfc32: four words of state, good statistical quality, a handful of integer ops per draw. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = stream >>> 0;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next(); // mix the seed into every word
  }

  /** The stream of one case: the same (seed, label, index) always gives the same draws. */
  static forCase(seed: number, label: string, index: number): Rng {
    return new Rng(seed, hash32(`${label}#${index}`));
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error("pick from an empty list");
    return list[Math.floor(this.float() * list.length)];
  }

  /** Small values far more often than large ones: most cases stay cheap, a few go big. */
  sized(max: number): number {
    return Math.floor(Math.pow(this.float(), 3) * max);
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

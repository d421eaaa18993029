// Failure reports a person can act on: the seed, the case, its mutations, the body saved to a
// temp file, and the command that replays exactly that case.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FuzzCase } from "./mutate";

export interface Failure {
  fuzzCase: FuzzCase;
  problem: string;
}

/** Collects failures (the first few in full), so one run shows several at once. */
export class FailureLog {
  readonly failures: Failure[] = [];
  constructor(private readonly seed: number, private readonly testFile: string, private readonly keep = 5) {}

  add(fuzzCase: FuzzCase, err: unknown): void {
    const problem = err instanceof Error ? err.message : String(err);
    this.failures.push({ fuzzCase, problem });
  }

  /** Throws one error describing the failures, or does nothing. */
  throwIfAny(total: number): void {
    if (this.failures.length === 0) return;
    const shown = this.failures.slice(0, this.keep).map((f) => this.describe(f));
    throw new Error(
      `${this.failures.length} of ${total} fuzz cases failed (VIEWTRON_FUZZ_SEED=${this.seed}).\n\n${shown.join("\n\n")}` +
        (this.failures.length > this.keep ? `\n\n... and ${this.failures.length - this.keep} more` : ""),
    );
  }

  private describe({ fuzzCase, problem }: Failure): string {
    const file = path.join(os.tmpdir(), `viewtron-fuzz-${fuzzCase.id.replace(/[^\w.#-]+/g, "_")}.bin`);
    try {
      fs.writeFileSync(file, fuzzCase.body);
    } catch {
      // the report matters more than the copy
    }
    return [
      `case ${fuzzCase.id} (${fuzzCase.body.length} bytes, saved to ${file})`,
      `  mutations: ${fuzzCase.notes.join(" | ")}`,
      `  problem: ${problem.split("\n").slice(0, 6).join("\n           ")}`,
      `  replay: VIEWTRON_FUZZ_SEED=${this.seed} VIEWTRON_FUZZ_ONLY='${fuzzCase.id}' npx mocha --no-config --timeout 60000 ${this.testFile}`,
    ].join("\n");
  }
}

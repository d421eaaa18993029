// Fuzz of parseMessage (issue 6, part 2): every fixture, shared and own, mutated many times by a
// seeded generator. Each case must end as a ViewtronParseError with a known code and a short
// message, or as a payload of the contract; quickly, the same way twice (every fifth case is
// parsed again), and without touching any prototype. Seed, case count and a single case can be
// chosen by environment (see rng.ts).
import { strict as assert } from "node:assert";
import { parseMessage } from "../../src/protocol/parse";
import { ViewtronParseError, type ParseErrorCode } from "../../src/protocol/errors";
import type { ParsedMessage } from "../../src/protocol/types";
import { assertContract } from "./contract";
import { corpus, requireShared } from "./corpus";
import { ProcessGuard, PrototypeWatch } from "./guards";
import { makeCase, type FuzzCase } from "./mutate";
import { FailureLog } from "./report";
import { fuzzCases, fuzzOnly, fuzzSeed, selected } from "./rng";

const CASES_PER_FIXTURE = 200;
const RECEIVED_AT = Date.UTC(2026, 11, 1, 12, 0, 0);
const REMOTE = "192.0.2.7";
const OPTIONS = { receivedAt: RECEIVED_AT, remoteAddress: REMOTE };
/** Per case, generous for a loaded 2-core machine: a guard against super-linear work, not a benchmark. */
const SLOW_MS = 1500;
const CODES: ReadonlySet<ParseErrorCode> = new Set<ParseErrorCode>(["doctype", "not-xml", "malformed-xml", "unknown-document", "too-deep", "forbidden-name"]);

type Outcome = { payload: ParsedMessage } | { error: ViewtronParseError };

function run(body: Buffer): Outcome {
  try {
    return { payload: parseMessage(body, OPTIONS) };
  } catch (err) {
    if (err instanceof ViewtronParseError) return { error: err };
    throw new Error(`threw ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ""}` : String(err)} instead of a ViewtronParseError`);
  }
}

/** All checks of one case (`twice`: also parse it again, same result); returns a label for the tally. */
function checkCase(fuzzCase: FuzzCase, twice = true): string {
  const started = process.hrtime.bigint();
  const outcome = run(fuzzCase.body);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(ms < SLOW_MS, `took ${ms.toFixed(0)} ms`);
  if ("error" in outcome) {
    const { error } = outcome;
    assert.ok(CODES.has(error.code), `unknown error code ${error.code}`);
    assert.equal(error.name, "ViewtronParseError");
    assert.ok(error.message.length > 0 && error.message.length <= 500, `message of ${error.message.length} chars: ${error.message.slice(0, 120)}...`);
    if (twice) {
      const again = run(fuzzCase.body);
      assert.ok("error" in again && again.error.code === error.code, "a second parse ended differently");
    }
    return error.code;
  }
  assertContract(outcome.payload, OPTIONS);
  if (twice) assert.deepEqual(run(fuzzCase.body), outcome, "a second parse gave another payload");
  return outcome.payload.kind;
}

describe("fuzz: parseMessage on mutated fixtures", function () {
  this.timeout(180_000);
  const seed = fuzzSeed();
  const perFixture = fuzzCases(CASES_PER_FIXTURE);
  const only = fuzzOnly();
  const guard = new ProcessGuard();
  let prototypes: PrototypeWatch;

  before(() => {
    requireShared();
    prototypes = new PrototypeWatch();
    guard.install();
  });
  after(() => guard.uninstall());

  it(`visits every fixture with ${perFixture} mutations each: a ViewtronParseError or a contract payload, nothing else`, async () => {
    const seeds = corpus();
    assert.ok(seeds.length > 0, "no fixtures");
    const donors = seeds.map((s) => s.bytes);
    const log = new FailureLog(seed, "dist/test/fuzz/parse-fuzz.test.js");
    const tally = new Map<string, number>();
    const started = Date.now();
    let total = 0;
    for (const fixture of seeds) {
      for (let i = 0; i < perFixture; i++) {
        if (!selected(`${fixture.id}#${i}`, only)) continue;
        const fuzzCase = makeCase(seed, "parse", fixture.id, fixture.bytes, i, donors);
        total++;
        try {
          const label = checkCase(fuzzCase, i % 5 === 0); // determinism on a sample: it doubles the cost
          tally.set(label, (tally.get(label) ?? 0) + 1);
        } catch (err) {
          log.add(fuzzCase, err);
        }
      }
      prototypes.check(`after fuzzing ${fixture.id}`);
    }
    await guard.check("during the parse fuzz");
    if (process.env.VIEWTRON_REPORT_TIMINGS) {
      const counts = [...tally].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
      console.log(`      ${total} cases over ${seeds.length} fixtures in ${Date.now() - started} ms (seed ${seed}): ${counts}`);
    }
    log.throwIfAny(total);
    assert.ok(only !== undefined || total === seeds.length * perFixture, "every fixture visited");
  });
});

// Smoke test of `npm run bench`: the harness runs end to end in quick mode on one small workload
// (our Node-RED stack and the bare baseline, each in its own process) and reports a well-formed
// table with nothing lost. No assertion on speed: CI machines vary.
import assert from "node:assert/strict";
import { parseArgs } from "../../scripts/bench/args";
import { runBench } from "../../scripts/bench/main";

describe("bench harness (quick smoke run)", function () {
  this.timeout(60_000);

  it("measures small events on both servers, loses none and prints the table", async () => {
    const options = parseArgs(["--quick", "--only", "small", "--duration", "2", "--warmup", "0.5", "--connections", "4", "--no-write", "--quiet"]);
    const { report, markdown } = await runBench(options);

    assert.deepEqual(report.rows.map((r) => `${r.workload}/${r.server}`), ["small/baseline", "small/ours"]);
    for (const r of report.rows) {
      assert.ok(r.accepted > 0, `${r.server}: nothing accepted (${r.firstProblem ?? "no problem recorded"})`);
      assert.equal(r.rejected + r.errors, 0, `${r.server}: ${r.firstProblem ?? ""}`);
      assert.equal(r.lost, 0, `${r.server}: accepted ${r.accepted}, delivered ${r.delivered}`);
      assert.equal(r.delivered, r.accepted);
      assert.ok(r.perSecond > 0 && Number.isFinite(r.p99) && r.p99 >= r.p50, `${r.server}: figures`);
    }
    assert.equal(report.parse.length, 1);
    assert.ok(report.parse[0].usPerParse > 0);

    const lines = markdown.split("\n");
    const header = lines.findIndex((l) => l.startsWith("| workload | body | server | events/s delivered |"));
    assert.ok(header > 0, "throughput table header");
    const columns = lines[header].split("|").length;
    const body = lines.slice(header + 2, header + 4);
    assert.equal(body.length, 2);
    for (const l of body) assert.equal(l.split("|").length, columns, `row shape: ${l}`);
    assert.match(body[0], /^\| small \| 2\.\d KB \| baseline \| /);
    assert.match(body[1], /^\| small \| 2\.\d KB \| ours \| [\d,]+ \(\d+\.\d\dx\) \|/);
    assert.match(markdown, /Machine: .+ logical CPUs, .+ Node v\d+.+Node-RED \d/);
    assert.match(markdown, /\| small events: delivered\/s >= 0\.5x baseline \| .+ \| (PASS|\*\*FAIL\*\*) \|/);
    assert.match(markdown, /\| 0 events lost .+ \| 0 lost in 2 runs \| PASS \|/);
  });
});

import assert from "node:assert/strict";
import { dedupeKey, Deduper } from "../../src/filter/dedupe";

describe("filter de-duplication", () => {
  it("passes a key once per window, measured on a fake clock", () => {
    const d = new Deduper(30_000);
    let clock = 1_000_000;
    assert.equal(d.pass("plate:AB123", clock), true);
    clock += 1_000;
    assert.equal(d.pass("plate:AB123", clock), false);
    assert.equal(d.pass("plate:XY9", clock), true, "other keys are independent");
    clock += 28_999; // 29.999 s after the first pass
    assert.equal(d.pass("plate:AB123", clock), false);
    clock += 1; // exactly 30 s
    assert.equal(d.pass("plate:AB123", clock), true);
    assert.equal(d.pass("plate:AB123", clock + 10), false, "the window restarts at the new pass");
  });

  it("lets messages without a key, and every message with a zero window, pass", () => {
    const d = new Deduper(0);
    assert.equal(d.pass("k", 1), true);
    assert.equal(d.pass("k", 1), true);
    assert.equal(new Deduper(5000).pass(undefined, 1), true);
  });

  it("forgets expired keys so memory stays bounded", () => {
    const d = new Deduper(1000);
    for (let i = 0; i < 1000; i++) d.pass(`k${i}`, 0);
    assert.equal(d.size, 1000);
    d.pass("late", 5000); // pruning happens when the map grows past 1000
    assert.equal(d.size, 1);
  });

  it("builds keys per mode", () => {
    const p = {
      kind: "event", category: "lpr", plate: { number: "ab-12 3" },
      targets: [{ id: "7", type: "car" }], device: { mac: "58:5B:69:40:F4:0D", channel: 2 },
    };
    assert.equal(dedupeKey("plate", p), "plate:AB123");
    assert.equal(dedupeKey("target", p), "target:58:5B:69:40:F4:0D#2:7");
    assert.equal(dedupeKey("device-category", p), "dc:58:5B:69:40:F4:0D#2:lpr");
    assert.equal(dedupeKey("none", p), undefined);
    assert.equal(dedupeKey("plate", { kind: "event", category: "face" }), undefined);
    assert.equal(dedupeKey("target", { kind: "alarmStatus", targets: [] }), undefined);
  });
});

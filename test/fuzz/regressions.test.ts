// Bugs the fuzz tests found, pinned as plain cases so they stay fixed whatever the seed.
import { strict as assert } from "node:assert";
import { parseMessage } from "../../src/protocol/parse";
import { ViewtronParseError } from "../../src/protocol/errors";
import type { EventPayload } from "../../src/protocol/types";
import { assertContract } from "./contract";

const OPTIONS = { receivedAt: Date.UTC(2026, 11, 1, 12, 0, 0) };

function errorOf(body: string): ViewtronParseError {
  try {
    parseMessage(body, OPTIONS);
  } catch (err) {
    assert.ok(err instanceof ViewtronParseError);
    return err;
  }
  return assert.fail("parsed");
}

describe("fuzz regressions", () => {
  it("a 400-digit coordinate or channel is not sent (it was Infinity, which JSON writes as null)", () => {
    const huge = "9".repeat(400);
    const body =
      `<config version="2.0.0"><messageType>alarmData</messageType><smartType>regionIntrusion</smartType>` +
      `<deviceInfo><channelId>${huge}</channelId></deviceInfo><eventInfo><item><eventId>1</eventId><targetId>2</targetId>` +
      `<pointGroup><item><x>-${huge}</x><y>5</y></item><item><x>7</x><y>8</y></item></pointGroup>` +
      `<rect><x1>1</x1><y1>2</y1><x2>${huge}</x2><y2>40</y2></rect></item></eventInfo></config>`;
    const p = parseMessage(body, OPTIONS) as EventPayload;
    assertContract(p, OPTIONS);
    assert.equal(p.device.channel, undefined);
    assert.deepEqual(p.region?.points, [{ x: 7, y: 8 }]);
    assert.ok(!JSON.stringify(p).includes("null"));
  });

  it("error messages stay short when they quote a huge name or value", () => {
    const long = "x".repeat(100_000);
    const bodies = [
      `<config version="2.0"><messageType>${long}</messageType></config>`, // unknown-document
      `<r${long}/>`, // unexpected root
      `<config>&${long};</config>`, // undefined entity
      `<config a="1" b${long}></config>`, // attribute without value
    ];
    for (const body of bodies) {
      const err = errorOf(body);
      assert.ok(err.message.length <= 200, `${err.code}: ${err.message.length} chars`);
      assert.ok(err.message.endsWith("..."), err.message);
    }
  });

  it('version="" gives no protocolVersion (never an empty string)', () => {
    const p = parseMessage(`<config version=""><messageType>keepalive</messageType></config>`, OPTIONS);
    assert.equal(p.protocolVersion, undefined);
    assert.equal("protocolVersion" in p, false);
    assert.equal(p.format, "ipc-v1");
  });
});

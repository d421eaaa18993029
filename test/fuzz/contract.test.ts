// The fuzz tests' contract validator is itself tested: it accepts what the parser makes of every
// unmodified fixture, and rejects each kind of contract breach (so it is no no-op).
import { strict as assert } from "node:assert";
import { parseMessage } from "../../src/protocol/parse";
import { ViewtronParseError } from "../../src/protocol/errors";
import type { ParsedMessage } from "../../src/protocol/types";
import { makeTestJpeg } from "../../src/sim/jpeg";
import { assertContract } from "./contract";
import { corpus } from "./corpus";

const RECEIVED_AT = Date.UTC(2026, 11, 1, 12, 0, 0);
const OPTIONS = { receivedAt: RECEIVED_AT, remoteAddress: "192.0.2.7" };

function good(): ParsedMessage {
  const jpeg = makeTestJpeg(16, 8, 5).toString("base64");
  const body =
    `<config version="2.0.0"><messageType>alarmData</messageType><smartType>vehicle</smartType>` +
    `<currentTime>1768100001234000</currentTime><deviceInfo><deviceName>Gate</deviceName><channelId>2</channelId></deviceInfo>` +
    `<sourceDataInfo><width>16</width><height>8</height><sourceBase64Data>${jpeg}</sourceBase64Data></sourceDataInfo>` +
    `<licensePlateListInfo><item><targetId>7</targetId><plateNumber>AB123</plateNumber>` +
    `<rect><x1>1</x1><y1>2</y1><x2>30</x2><y2>40</y2></rect></item></licensePlateListInfo><note>x</note></config>`;
  return parseMessage(body, OPTIONS);
}

describe("fuzz: the contract validator", () => {
  it("accepts the payload of every unmodified fixture", () => {
    let accepted = 0;
    for (const fixture of corpus()) {
      let payload: ParsedMessage;
      try {
        payload = parseMessage(fixture.bytes, OPTIONS);
      } catch (err) {
        assert.ok(err instanceof ViewtronParseError, fixture.id); // config-API documents
        continue;
      }
      assert.doesNotThrow(() => assertContract(payload, OPTIONS), fixture.id);
      accepted++;
    }
    assert.ok(accepted >= 30, `only ${accepted} fixtures parsed`);
  });

  it("accepts the reference event, images and extra included", () => {
    const p = good();
    assert.equal(p.kind, "event");
    assert.ok(p.kind === "event" && p.images?.source && p.plate && p.extra);
    assertContract(p, OPTIONS);
  });

  const breaches: Array<[string, (p: Record<string, unknown>) => void, RegExp]> = [
    ["an undefined-valued key", (p) => (p.eventId = undefined), /present but undefined/],
    ["null", (p) => (p.eventId = null), /non-empty string/],
    ["an empty string", (p) => (p.smartType = ""), /non-empty string/],
    ["Infinity", (p) => ((p.device as Record<string, unknown>).channel = Infinity), /finite number/],
    ["a key outside the contract", (p) => (p.surprise = 1), /not in the contract/],
    ["a missing required field", (p) => delete p.targets, /required, missing/],
    ["an image that is no Buffer", (p) => ((p.images as Record<string, unknown>).source = "/9j/"), /Buffer/],
    ["an image that is no JPEG", (p) => ((p.images as Record<string, unknown>).source = Buffer.from("PNG!")), /not a JPEG/],
    ["an unknown kind", (p) => (p.kind = "other"), /no parser kind/],
    ["an unknown category", (p) => (p.category = "lasers"), /not one of/],
    ["a __proto__ key in extra", (p) => Object.defineProperty(p.extra, "__proto__", { value: {}, enumerable: true }), /unsafe key/],
    ["a foreign prototype", (p) => Object.setPrototypeOf(p.device as object, { polluted: true }), /foreign prototype/],
    ["time and timestamp apart", (p) => (p.timestamp = (p.timestamp as number) + 1), /does not denote/],
    ["a received time that is not the receive time", (p) => ((p.timeSource = "received")), /received time/],
    ["an inverted rect", (p) => (((p.plate as Record<string, Record<string, number>>).rect.x2 = -5)), /top-left/],
    ["a wrong remote address", (p) => ((p.device as Record<string, unknown>).remoteAddress = "10.0.0.1"), /remoteAddress/],
  ];
  for (const [name, breach, message] of breaches) {
    it(`rejects ${name}`, () => {
      const p = good() as unknown as Record<string, unknown>;
      breach(p);
      assert.throws(() => assertContract(p, OPTIONS), message);
    });
  }
});

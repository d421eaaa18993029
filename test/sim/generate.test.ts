// Generated bodies read back with our own parser: every kind x format, images, errors.
import assert from "node:assert/strict";
import { parseMessage } from "../../src/protocol/parse";
import type { EventPayload, ParsedMessage } from "../../src/protocol/types";
import { generateBody, defaultDevice } from "../../src/sim/generate";
import { EVENT_TYPES, resolveEventType, formatOfType } from "../../src/sim/event-types";
import { readJpegInfo } from "../../src/sim/jpeg";
import { SimError, type GeneratedBody, type SimFormat } from "../../src/sim/sim-types";

const TIME_US = 1_768_100_000_123_456; // 2026-01-11
const SMALL = { overview: { width: 96, height: 64 }, crop: { width: 48, height: 32 } };
const wireFormat = (f: SimFormat): string => (f === "ipc" ? "ipc-v1" : "nvr-v2");

function asEvent(parsed: ParsedMessage): EventPayload {
  assert.equal(parsed.kind, "event");
  return parsed as EventPayload;
}

/** NVR plate and face lists name their targets by the list, not by a target type. */
function expectedTargetType(g: GeneratedBody, type: string): string {
  const spec = resolveEventType(g.format, g.smartType === "PEA" ? (g.category === "lineCrossing" ? "PEA-tripwire" : "PEA") : g.smartType);
  if (g.format === "nvr" && spec.layout === "plate") return "plate";
  if (g.format === "nvr" && spec.layout === "face") return "face";
  return type;
}

function checkDevice(g: GeneratedBody, parsed: ParsedMessage): void {
  assert.equal(parsed.device.name, g.device.name);
  assert.equal(parsed.device.mac, g.device.mac);
  if (g.format === "nvr") {
    assert.equal(parsed.device.ip, g.device.ip);
  } else {
    assert.equal(parsed.device.serial, g.device.serial);
  }
}

describe("sim generator", () => {
  for (const type of EVENT_TYPES) {
    for (const images of [false, true]) {
      it(`${type.format} ${type.name} event ${images ? "with" : "without"} images parses to what it says`, () => {
        const g = generateBody({
          format: type.format, type: type.name, seed: 42, timeUs: TIME_US, images: images ? SMALL : false,
          plate: { number: "KTR0815", group: type.format === "ipc" ? "whiteList" : "Residents", direction: "away" },
          device: { channel: 3 },
        });
        const p = asEvent(parseMessage(g.body, { receivedAt: TIME_US / 1000 + 1000 }));
        assert.equal(p.format, wireFormat(type.format));
        assert.equal(p.smartType, type.smartType);
        assert.equal(p.category, type.category);
        assert.equal(g.category, type.category);
        assert.equal(p.timestamp, Math.floor(TIME_US / 1000));
        assert.equal(p.timeSource, "device");
        checkDevice(g, p);
        assert.equal(p.device.channel, 3);
        assert.deepEqual(p.targets.map((t) => t.id), g.targets.map((t) => t.id));
        p.targets.forEach((t, i) => assert.equal(t.type, expectedTargetType(g, g.targets[i].type)));
        if (type.category === "lpr") {
          assert.equal(p.plate?.number, "KTR0815");
          assert.equal(p.plate?.group, type.format === "ipc" ? "whiteList" : "Residents");
          // NVRs send no direction.
          assert.equal(p.plate?.direction, type.format === "ipc" ? "away" : undefined);
          assert.ok(p.vehicle?.brand);
        } else {
          assert.equal(p.plate, undefined);
        }
        if (images) {
          const source = p.images?.source;
          const target = p.images?.target;
          assert.ok(source && target, "both pictures decoded");
          assert.deepEqual([source[0], source[1]], [0xff, 0xd8]);
          assert.deepEqual([target[0], target[1]], [0xff, 0xd8]);
          assert.equal(source.length, g.images.overview?.bytes);
          assert.equal(target.length, g.images.crop?.bytes);
          assert.deepEqual([readJpegInfo(source).width, readJpegInfo(source).height], [96, 64]);
          assert.deepEqual([readJpegInfo(target).width, readJpegInfo(target).height], [48, 32]);
        } else {
          assert.equal(p.images, undefined);
          assert.ok(g.body.length < 4000, `small event (${g.body.length} bytes)`);
        }
      });
    }
  }

  for (const format of ["ipc", "nvr"] as const) {
    for (const type of EVENT_TYPES.filter((t) => t.format === format && t.alarm !== undefined)) {
      for (const active of [true, false]) {
        it(`${format} alarm status ${type.alarm} (${type.name}) ${active ? "on" : "off"}`, () => {
          const g = generateBody({ format, kind: "alarmStatus", type: type.name, active, alarmId: "2", timeUs: TIME_US });
          const p = parseMessage(g.body, { receivedAt: TIME_US / 1000 + 1000 });
          assert.equal(p.kind, "alarmStatus");
          if (p.kind !== "alarmStatus") return;
          assert.equal(p.format, wireFormat(format));
          assert.equal(p.alarmType, type.alarm);
          assert.equal(p.active, active);
          assert.equal(p.alarms[0].id, "2");
          assert.equal(p.category, g.category);
          checkDevice(g, p);
          // IPC: device-local dataTime to the second; NVR: currentTime.
          assert.equal(p.timestamp, format === "ipc" ? Math.floor(TIME_US / 1e6) * 1000 : Math.floor(TIME_US / 1000));
          assert.equal(p.timeSource, format === "ipc" ? "deviceLocal" : "device");
        });
      }
    }
  }

  it("ipc traject posts carry the given targets", () => {
    const targets = [
      { id: "434", type: "person" as const, rect: { x1: 6534, y1: 2708, x2: 7585, y2: 6388 } },
      { id: "435", type: "car" as const },
    ];
    const g = generateBody({ kind: "traject", targets, timeUs: TIME_US });
    const p = parseMessage(g.body, { receivedAt: TIME_US / 1000 });
    assert.equal(p.kind, "traject");
    if (p.kind !== "traject") return;
    assert.deepEqual(p.targets.map((t) => [t.id, t.type]), [["434", "person"], ["435", "car"]]);
    assert.deepEqual(p.targets[0].rect, { x1: 6534, y1: 2708, x2: 7585, y2: 6388, units: "normalized" });
    checkDevice(g, p);
  });

  it("heartbeats: empty body, 1.7 envelope, DeviceInfo root and the NVR envelope", () => {
    const empty = generateBody({ kind: "keepalive" });
    assert.equal(empty.body, "");
    assert.equal(parseMessage(empty.body).kind, "keepalive");
    for (const keepalive of ["envelope", "deviceInfo"] as const) {
      const g = generateBody({ kind: "keepalive", keepalive });
      const p = parseMessage(g.body);
      assert.equal(p.kind, "keepalive");
      assert.equal(p.format, "ipc-v1");
      assert.equal(p.device.name, g.device.name);
      assert.equal(p.device.ip, g.device.ip);
    }
    assert.ok(!generateBody({ kind: "keepalive", keepalive: "envelope" }).body.startsWith("<?xml"), "API 2.1 form has no declaration");
    const nvr = generateBody({ format: "nvr", kind: "keepalive" });
    const p = parseMessage(nvr.body);
    assert.equal(p.kind, "keepalive");
    assert.equal(p.format, "nvr-v2");
    assert.equal(p.device.channel, undefined, "NVR heartbeats carry no channel");
  });

  it("default images: a 2688x1520 overview of a few hundred KB and a 320x240 crop", function () {
    this.timeout(15000);
    const g = generateBody({ type: "PEA", images: true, timeUs: TIME_US });
    const p = asEvent(parseMessage(g.body, { receivedAt: TIME_US / 1000 }));
    const source = p.images?.source;
    const target = p.images?.target;
    assert.ok(source && target);
    assert.deepEqual([readJpegInfo(source).width, readJpegInfo(source).height], [2688, 1520]);
    assert.deepEqual([readJpegInfo(target).width, readJpegInfo(target).height], [320, 240]);
    assert.ok(source.length > 250_000 && source.length < 700_000, `overview ${source.length} bytes`);
    assert.ok(target.length > 5_000 && target.length < 60_000, `crop ${target.length} bytes`);
    assert.equal(g.images.overview?.base64Length, Math.ceil(source.length / 3) * 4);
  });

  it("is deterministic per seed and varies plates with the seed", () => {
    const a = generateBody({ type: "VEHICE", seed: 7, timeUs: TIME_US });
    const b = generateBody({ type: "VEHICE", seed: 7, timeUs: TIME_US });
    assert.equal(a.body, b.body);
    const plates = new Set(Array.from({ length: 20 }, (_, i) => generateBody({ type: "VEHICE", seed: i, timeUs: TIME_US }).plate?.number));
    assert.ok(plates.size >= 18, `${plates.size} distinct plates`);
    for (const plate of plates) assert.match(plate ?? "", /^[A-Z0-9]{6,7}$/);
  });

  it("escapes device names and takes identities per camera", () => {
    const g = generateBody({ type: "PEA", device: { name: "Hof & <Tor> ]]>" }, timeUs: TIME_US });
    assert.equal(parseMessage(g.body).device.name, "Hof & <Tor> ]]>");
    assert.notEqual(defaultDevice("ipc", 1).mac, defaultDevice("ipc", 2).mac);
    assert.equal(defaultDevice("nvr", 4).channel, 4);
  });

  it("resolves type names, aliases, twins and categories per format", () => {
    assert.equal(resolveEventType("ipc", "lpr").smartType, "VEHICE");
    assert.equal(resolveEventType("ipc", "tripwire").category, "lineCrossing");
    assert.equal(resolveEventType("ipc", "lineCrossing").name, "PEA-tripwire");
    assert.equal(resolveEventType("nvr", "PEA").smartType, "regionIntrusion");
    assert.equal(resolveEventType("nvr", "vfd").smartType, "videoFaceDetect");
    assert.equal(resolveEventType("nvr", "counting").smartType, "targetCountingByLine");
    assert.equal(formatOfType("regionIntrusion"), "nvr");
    assert.equal(formatOfType("VEHICE"), "ipc");
    assert.equal(formatOfType(undefined), "ipc");
  });

  it("refuses what devices never send", () => {
    assert.throws(() => generateBody({ format: "nvr", kind: "traject" }), SimError);
    assert.throws(() => generateBody({ type: "nonsense" }), SimError);
    assert.throws(() => generateBody({ format: "nvr", type: "zoneEntry" }), SimError);
    assert.throws(() => generateBody({ kind: "alarmStatus", type: "VSD" }), SimError);
    // ... unless told the alarm name
    const p = parseMessage(generateBody({ kind: "alarmStatus", type: "VSD", alarmName: "motionAlarm" }).body);
    assert.equal(p.kind === "alarmStatus" && p.category, "motion");
  });
});

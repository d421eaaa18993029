// Our own fixtures (test/fixtures/**, written from docs/PROTOCOL.md with our own values): every
// message kind, every smartType in both formats, every quirk of PROTOCOL.md section 7. Each file
// is parsed and its concrete values asserted.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseMessage } from "../../src/protocol/parse";
import { ViewtronParseError } from "../../src/protocol/errors";
import type { ParseErrorCode } from "../../src/protocol/errors";
import type { ParsedMessage, ParseOptions } from "../../src/protocol/types";
import { encodeJpeg, makeTestJpeg, readJpegInfo } from "../../src/sim/jpeg";
import { RECEIVED_AT, assertContractShape, exact, expectSubset, loadFixture } from "../support/fixture-assert";
import { FIXTURE_IMAGES, embedFixtureImages, fixtureImage } from "../support/fixture-images";
import { repoPath } from "../support/paths";

// ---- expectation helpers ----------------------------------------------------------------------

type Units = "normalized" | "pixels";
const rect = (x1: number, y1: number, x2: number, y2: number, units: Units = "normalized") =>
  exact({ x1, y1, x2, y2, units });
const pt = (x: number, y: number) => exact({ x, y });
const points = (...xy: number[]) => {
  const out = [];
  for (let i = 0; i < xy.length; i += 2) out.push(pt(xy[i], xy[i + 1]));
  return out;
};
const line = (x1: number, y1: number, x2: number, y2: number) => ({ start: pt(x1, y1), end: pt(x2, y2) });
/** Local wall-clock time (dataTime has no zone): computed in the test process's zone. */
const local = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  new Date(y, mo - 1, d, h, mi, s).getTime();
const img = (file: string, element: "sourceBase64Data" | "targetBase64Data", index = 0) =>
  fixtureImage(file, element, index);
/** No image decoded: `images` absent, or present without `source`/`target` (see expectSubset). */
const NO_IMAGES = { source: undefined, target: undefined };

const NVR_DEVICE = { name: "Depot NVR", ip: "10.30.0.2", mac: "A4:14:37:C0:FF:EE" };

interface Case {
  file: string;
  /** PROTOCOL.md section 7 quirk numbers this file exercises. */
  quirks: number[];
  /** Values asserted with expectSubset (plus `time` checked against `timestamp`). */
  expect?: Record<string, unknown>;
  /** The error code parseMessage must throw instead (any of these). */
  error?: ParseErrorCode[];
}

// ---- the table --------------------------------------------------------------------------------

const IPC_OTHER_TYPES: Array<[string, string, string]> = [
  // smartType, file, category
  ["SENSOR", "sensor", "other"],
  ["AVD", "avd", "other"],
  ["OSC", "osc", "other"],
  ["CPC", "cpc", "counting"],
  ["CDD", "cdd", "other"],
  ["IPD", "ipd", "intrusion"],
  ["ASD", "asd", "other"],
  ["FIRE", "fire", "other"],
  ["TEMPERATURE", "temperature", "other"],
  ["SMD", "smd", "other"],
  ["CROWDGATHERING", "crowdgathering", "other"],
  ["FALLING", "falling", "other"],
  ["EA", "ea", "other"],
  ["QUEUELEN", "unknown-queuelen", "other"],
];

const CASES: Case[] = [
  // ---------------- IPC format (config 1.x) ----------------
  {
    file: "ipc-v1/keepalive-deviceinfo.xml",
    quirks: [2, 14, 15, 29],
    expect: {
      kind: "keepalive",
      format: "ipc-v1",
      protocolVersion: undefined,
      device: exact({ name: "Carport Cam", number: "3", serial: "Q7C2E55018KX", ip: "10.20.4.31", mac: "5C-F2-07-3A-91-C4" }),
      timeSource: "received",
      timestamp: RECEIVED_AT,
    },
  },
  {
    file: "ipc-v1/keepalive-envelope-17.xml",
    quirks: [3, 6],
    expect: {
      kind: "keepalive",
      format: "ipc-v1",
      protocolVersion: "1.7",
      device: exact({ name: "Gate LPR 2", ip: "10.20.4.32", mac: "5c:f2:07:3a:91:c5" }),
      timeSource: "received",
      timestamp: RECEIVED_AT,
    },
  },
  {
    file: "ipc-v1/alarm-status-on.xml",
    quirks: [14, 18, 20],
    expect: {
      kind: "alarmStatus",
      format: "ipc-v1",
      protocolVersion: "1.7",
      active: true,
      alarmType: "perimeterAlarm",
      category: "intrusion",
      alarms: [exact({ alarmType: "perimeterAlarm", active: true, id: "2", category: "intrusion" })],
      device: exact({ name: "Backyard", number: "1", serial: "Q7C2E55019LM", ip: "10.20.4.40", mac: "5c:f2:07:3a:91:d0" }),
      timeSource: "deviceLocal",
      timestamp: local(2025, 12, 24, 0, 5, 9), // 12:05:09 AM is just after midnight
    },
  },
  {
    file: "ipc-v1/alarm-status-off.xml",
    quirks: [18, 20, 29],
    expect: {
      kind: "alarmStatus",
      format: "ipc-v1",
      active: false,
      alarmType: "tripwireAlarm",
      category: "lineCrossing",
      alarms: [exact({ alarmType: "tripwireAlarm", active: false, id: "1", category: "lineCrossing" })],
      device: exact({ name: "Loading Bay", number: "01", serial: "Q7C2E55021QR", ip: "10.20.4.41", mac: "00:00:00:00:00:00" }),
      timeSource: "deviceLocal",
      timestamp: local(2026, 1, 9, 0, 41, 57),
    },
  },
  {
    file: "ipc-v1/lpr-vehice.xml",
    quirks: [9, 12, 24, 25, 26, 29, 35, 37, 41],
    expect: {
      kind: "event",
      format: "ipc-v1",
      protocolVersion: "1.7",
      smartType: "VEHICE",
      category: "lpr",
      device: exact({ name: "Gate LPR 2", mac: "5c:f2:07:3a:91:c5", serial: "Q7C2E55020NP", channel: 1 }),
      timeSource: "device",
      timestamp: 1765201843062,
      eventId: undefined,
      // the overview item (vehiceId 0, empty plate) is no target
      targets: [{ id: "27", type: "car" }],
      plate: {
        number: "0815KTR",
        group: "temporaryList",
        direction: "approach",
        confidence: 97,
        rect: rect(4120, 6310, 4678, 6876),
      },
      vehicle: exact({ type: "suv", color: "blue", brand: "Volvo", model: "Volvo_XC60" }),
      face: undefined,
      count: undefined,
      images: {
        source: img("ipc-v1/lpr-vehice.xml", "targetBase64Data", 0),
        target: img("ipc-v1/lpr-vehice.xml", "targetBase64Data", 1),
      },
    },
  },
  {
    file: "ipc-v1/lpr-vehicle.xml",
    quirks: [9, 12, 13, 33, 34],
    expect: {
      kind: "event",
      format: "ipc-v1",
      smartType: "VEHICLE",
      category: "lpr",
      device: exact({}),
      timeSource: "device",
      timestamp: 1766012345678, // 13-digit milliseconds
      targets: [{ id: "4", type: "car" }],
      plate: { number: "7RDX219", group: "blackList", direction: undefined, confidence: undefined },
      vehicle: undefined,
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/pea-perimeter.xml",
    quirks: [10, 12, 22, 35, 36],
    expect: {
      kind: "event",
      smartType: "PEA",
      category: "intrusion",
      device: exact({ name: "Backyard", mac: "5c:f2:07:3a:91:d0", serial: "Q7C2E55019LM" }),
      timeSource: "device",
      timestamp: 1767303012450,
      eventId: "7731",
      status: "SMART_START",
      region: { points: points(820, 1310, 6044, 960, 9120, 4475, 7305, 9380, 1150, 8890) },
      line: undefined,
      targets: [{ id: "5512", type: "person", rect: rect(2210, 1840, 3975, 7702) }],
      images: {
        source: img("ipc-v1/pea-perimeter.xml", "sourceBase64Data"),
        target: img("ipc-v1/pea-perimeter.xml", "targetBase64Data"),
      },
    },
  },
  {
    file: "ipc-v1/pea-tripwire-line.xml",
    quirks: [10, 19, 32],
    expect: {
      kind: "event",
      smartType: "PEA",
      category: "lineCrossing",
      device: exact({}),
      timeSource: "device",
      timestamp: 1556712345123, // 2019: old but valid
      eventId: "402",
      status: "SMART_START",
      line: line(2500, 500, 2600, 9400),
      region: undefined,
      targets: [{ id: "61", type: "car", rawType: "2", rect: rect(5100, 2300, 6900, 8800) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/pea-tripwire-noline.xml",
    quirks: [10, 34],
    expect: {
      kind: "event",
      smartType: "PEA",
      category: "lineCrossing",
      device: exact({ name: "Side Gate" }),
      timestamp: 1767559901200,
      eventId: "915",
      line: line(1200, 7000, 8800, 6600),
      targets: [{ id: "733", type: "motor", rect: rect(4050, 5210, 5320, 9660) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/pea-no-block.xml",
    quirks: [10],
    expect: {
      kind: "event",
      smartType: "PEA",
      category: "intrusion",
      device: exact({ name: "Garden", mac: "5c:f2:07:3a:91:e2", serial: "Q7C2E55022ST" }),
      timestamp: 1767560000300,
      eventId: undefined,
      region: undefined,
      line: undefined,
      targets: [{ id: "1204", type: "person", rect: rect(610, 2950, 1880, 7425) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/tripwire.xml",
    quirks: [25],
    expect: {
      kind: "event",
      smartType: "TRIPWIRE",
      category: "lineCrossing",
      device: exact({ name: "Fence North", mac: "5c:f2:07:3a:91:e3", serial: "Q7C2E55023UV" }),
      timestamp: 1767560123400,
      eventId: "88",
      line: line(300, 5000, 9700, 5200),
      targets: [{ id: "19", type: "person", rect: rect(6120, 3080, 6890, 6930) }],
      images: NO_IMAGES, // empty targetBase64Data
    },
  },
  {
    file: "ipc-v1/vfd.xml",
    quirks: [12, 32, 33],
    expect: {
      kind: "event",
      smartType: "VFD",
      category: "face",
      device: exact({ name: "Reception", mac: "5c:f2:07:3a:91:f1", serial: "Q7C2E55024WX" }),
      timestamp: 1767601234100,
      targets: [{ id: "88", type: "person", rawType: "1", rect: rect(5150, 1275, 6040, 2830) }],
      face: undefined,
      imageInfo: { source: { width: 1920, height: 1080 }, target: { width: 176, height: 176 } },
      images: { source: img("ipc-v1/vfd.xml", "sourceBase64Data"), target: img("ipc-v1/vfd.xml", "targetBase64Data") },
    },
  },
  {
    file: "ipc-v1/vfd-match.xml",
    quirks: [34],
    expect: {
      kind: "event",
      smartType: "VFD_MATCH",
      category: "face",
      device: exact({ name: "Reception", mac: "5c:f2:07:3a:91:f1", serial: "Q7C2E55024WX" }),
      timestamp: 1767601299200,
      targets: [{ id: "89", type: "person", rect: rect(5230, 1300, 6100, 2790) }],
      images: NO_IMAGES, // BASE64STUB in CDATA and bare
    },
  },
  {
    file: "ipc-v1/aoientry.xml",
    quirks: [13, 34],
    expect: {
      kind: "event",
      smartType: "AOIENTRY",
      category: "zoneEntry",
      device: exact({}),
      timestamp: 1767650001000,
      targets: [{ id: "301", type: "person", rect: rect(1440, 2265, 2980, 9010) }],
      images: NO_IMAGES, // "... (base64 JPEG) ..." prose
    },
  },
  {
    file: "ipc-v1/aoileave.xml",
    quirks: [32, 33, 34],
    expect: {
      kind: "event",
      smartType: "AOILEAVE",
      category: "zoneExit",
      device: exact({ name: "Bike Shed" }),
      timestamp: 1767650062000,
      targets: [{ id: "302", type: "motor", rawType: "4", rect: rect(7020, 4480, 8650, 8115) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/loiter.xml",
    quirks: [11],
    expect: {
      kind: "event",
      smartType: "LOITER",
      category: "loitering",
      device: exact({ name: "Stairwell" }),
      timestamp: 1767700100000,
      eventId: "1290",
      region: { points: points(2000, 1500, 8000, 1500, 5000, 9000) },
      // perInfo gives the rect, listInfo the type: joined by targetId
      targets: [{ id: "1177", type: "person", rect: rect(4410, 3020, 5190, 7760) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/pvd.xml",
    quirks: [11],
    expect: {
      kind: "event",
      smartType: "PVD",
      category: "illegalParking",
      device: exact({ name: "Fire Lane" }),
      timestamp: 1767700200000,
      eventId: "640",
      region: { points: points(500, 5500, 9500, 5500, 9500, 9500, 500, 9500) },
      targets: [{ id: "512", type: "car", rect: rect(3300, 6000, 6100, 9100) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "ipc-v1/passlinecount.xml",
    quirks: [39],
    expect: {
      kind: "event",
      smartType: "PASSLINECOUNT",
      category: "counting",
      device: exact({ name: "Shop Door", mac: "5c:f2:07:3a:92:01", serial: "Q7C2E55025YZ" }),
      timestamp: 1767800300000,
      count: undefined, // never invented from a post
      targets: [{ id: "4410", type: "person", rect: rect(3905, 1720, 4870, 8460) }],
    },
  },
  {
    file: "ipc-v1/traffic.xml",
    quirks: [39],
    expect: {
      kind: "event",
      smartType: "TRAFFIC",
      category: "counting",
      device: exact({ name: "Car Park Ramp", mac: "5c:f2:07:3a:92:02", serial: "Q7C2E55026AB" }),
      timestamp: 1767800400000,
      count: undefined,
      targets: [
        { id: "9001", type: "car", rect: rect(1000, 4000, 3000, 7000) },
        { id: "9002", type: "motor", rect: rect(5500, 4200, 6200, 6900) },
      ],
    },
  },
  {
    file: "ipc-v1/vsd.xml",
    quirks: [33],
    expect: {
      kind: "event",
      smartType: "VSD",
      category: "metadata",
      device: exact({ name: "Plaza" }),
      timestamp: 1767800500000,
      targets: [],
      imageInfo: { source: { width: 2688, height: 1520 }, target: { width: 240, height: 480 } },
      images: { source: img("ipc-v1/vsd.xml", "sourceBase64Data"), target: img("ipc-v1/vsd.xml", "targetBase64Data") },
    },
  },
  {
    file: "ipc-v1/motion.xml",
    quirks: [],
    expect: {
      kind: "event",
      smartType: "MOTION",
      category: "motion",
      device: exact({ name: "Hallway", mac: "5c:f2:07:3a:92:03", serial: "Q7C2E55027CD" }),
      timeSource: "device",
      timestamp: 1767800600000, // 10-digit seconds
      targets: [],
      images: undefined,
    },
  },
  ...IPC_OTHER_TYPES.map(([smartType, name, category], i): Case => {
    const n = i + 1;
    const withTarget = n % 2 === 0;
    return {
      file: `ipc-v1/${name}.xml`,
      quirks: [],
      expect: {
        kind: "event",
        format: "ipc-v1",
        smartType,
        category,
        device: exact({
          name: `Cam ${smartType}`,
          mac: `5c:f2:07:3a:93:${n.toString(16).padStart(2, "0")}`,
          serial: `Q7C2E5503${String(n).padStart(2, "0")}XX`,
        }),
        timeSource: "device",
        timestamp: 1767900000000 + n * 1000,
        targets: withTarget ? [{ id: String(700 + n), type: "person", rect: rect(1000 + n * 100, 2000, 3000 + n * 100, 6000) }] : [],
      },
    };
  }),
  {
    file: "ipc-v1/traject.xml",
    quirks: [40],
    expect: {
      kind: "traject",
      format: "ipc-v1",
      protocolVersion: "1.7",
      category: "traject",
      smartType: undefined,
      device: exact({ name: "Backyard", mac: "5c:f2:07:3a:91:d0", serial: "Q7C2E55019LM" }),
      timeSource: "device",
      timestamp: 1768000111222,
      targets: [
        { id: "2048", type: "person", rect: rect(1175, 3390, 2040, 8720) },
        { id: "2049", type: "car", rect: rect(6300, 5100, 9350, 8990) },
      ],
    },
  },

  // ---------------- NVR format (config 2.x) ----------------
  {
    file: "nvr-v2/keepalive.xml",
    quirks: [4],
    expect: {
      kind: "keepalive",
      format: "nvr-v2",
      protocolVersion: "2.0.0",
      device: exact({ ...NVR_DEVICE }),
      timeSource: "received",
      timestamp: RECEIVED_AT,
    },
  },
  {
    file: "nvr-v2/alarm-status-on.xml",
    quirks: [20, 21],
    expect: {
      kind: "alarmStatus",
      format: "nvr-v2",
      protocolVersion: "2.0.0",
      active: true,
      alarmType: "perimeterAlarm",
      category: "intrusion",
      alarms: [exact({ alarmType: "perimeterAlarm", active: true, id: "1", category: "intrusion" })],
      device: exact({ ...NVR_DEVICE, channel: 3 }),
      timeSource: "device",
      timestamp: 1768100000000,
    },
  },
  {
    file: "nvr-v2/alarm-status-off.xml",
    quirks: [6, 21],
    expect: {
      kind: "alarmStatus",
      format: "nvr-v2",
      active: false,
      alarmType: "vfdAlarm",
      category: "face",
      alarms: [exact({ alarmType: "vfdAlarm", active: false, id: "2", category: "face" })],
      device: exact({ ...NVR_DEVICE, channel: 5 }),
      timeSource: "device",
      timestamp: 1768100030000,
    },
  },
  {
    file: "nvr-v2/region-intrusion.xml",
    quirks: [30, 35],
    expect: {
      kind: "event",
      format: "nvr-v2",
      protocolVersion: "2.0.0",
      smartType: "regionIntrusion",
      category: "intrusion",
      device: exact({ ...NVR_DEVICE, channel: 3 }),
      timeSource: "device",
      timestamp: 1768100001234,
      eventId: "5120",
      region: { points: points(1020, 2210, 5590, 1985, 8815, 5230, 6120, 9340, 905, 8870) },
      line: undefined,
      targets: [{ id: "4096", type: "car", rect: rect(4470, 3312, 5936, 8024) }],
      imageInfo: { source: { width: 1920, height: 1080 }, target: { width: 352, height: 264 } },
      images: {
        source: img("nvr-v2/region-intrusion.xml", "sourceBase64Data"),
        target: img("nvr-v2/region-intrusion.xml", "targetBase64Data"),
      },
    },
  },
  {
    file: "nvr-v2/line-crossing.xml",
    quirks: [34, 39, 43],
    expect: {
      kind: "event",
      format: "nvr-v2",
      smartType: "lineCrossing",
      category: "lineCrossing",
      device: exact({ name: "Einfahrt Süd", ip: "10.30.0.3", mac: "A4:14:37:C0:FF:EF", channel: 2 }),
      timestamp: 1768100100456,
      eventId: "733",
      line: exact(line(800, 6100, 9300, 5800)), // no crossing direction is sent
      region: undefined,
      targets: [{ id: "377", type: "motor", rect: rect(3340, 4120, 4475, 7960) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "nvr-v2/vehicle.xml",
    quirks: [9, 16, 28, 29, 30, 31, 35, 38],
    expect: {
      kind: "event",
      format: "nvr-v2",
      smartType: "vehicle",
      category: "lpr",
      device: exact({ ...NVR_DEVICE, channel: 4 }),
      timeSource: "device",
      timestamp: 1768100200789,
      eventId: undefined,
      targets: [{ id: "215", type: "plate", rect: rect(702, 488, 846, 536, "pixels") }],
      plate: {
        number: "0042HB",
        group: "Staff Parking",
        color: "yellow",
        direction: undefined,
        confidence: undefined,
        rect: rect(702, 488, 846, 536, "pixels"),
      },
      vehicle: exact({ type: "suv", color: "black", brand: "Ford", model: "Ford_Explorer" }),
      // sourceDataInfo says 0x0 but carries a real image
      images: { source: img("nvr-v2/vehicle.xml", "sourceBase64Data"), target: img("nvr-v2/vehicle.xml", "targetBase64Data") },
    },
  },
  {
    file: "nvr-v2/face.xml",
    quirks: [15, 23, 30, 34],
    expect: {
      kind: "event",
      format: "nvr-v2",
      smartType: "videoFaceDetect",
      category: "face",
      device: exact({ name: "R&D Lab", ip: "10.30.0.4", mac: "a4:14:37:c0:ff:f0", channel: 1 }),
      timestamp: 1768100300111,
      eventId: undefined,
      targets: [{ id: "73", type: "face", rect: rect(1312, 244, 1498, 430, "pixels") }],
      face: exact({ age: "young", sex: "female", glasses: "no", mask: "yes" }),
      images: { source: undefined, target: img("nvr-v2/face.xml", "targetBase64Data") },
    },
  },
  {
    file: "nvr-v2/video-metadata.xml",
    quirks: [],
    expect: {
      kind: "event",
      smartType: "videoMetadata",
      category: "metadata",
      device: exact({ ...NVR_DEVICE, channel: 6 }),
      timestamp: 1768100400222,
      eventId: "6021",
      targets: [{ id: "5830", type: "person", rect: rect(2215, 3380, 2990, 8870) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "nvr-v2/counting-line.xml",
    quirks: [31, 39],
    expect: {
      kind: "event",
      smartType: "targetCountingByLine",
      category: "counting",
      device: exact({ ...NVR_DEVICE, channel: 7 }),
      timestamp: 1768100500333,
      eventId: "2231",
      count: undefined,
      line: line(5010, 1200, 4990, 9600),
      targets: [{ id: "1702", type: "person", rect: undefined }], // all-zero rect = no rect
    },
  },
  {
    file: "nvr-v2/counting-area.xml",
    quirks: [39],
    expect: {
      kind: "event",
      smartType: "targetCountingByArea",
      category: "counting",
      device: exact({ ...NVR_DEVICE, channel: 8 }),
      timestamp: 1768100600444,
      eventId: "2302",
      count: undefined,
      region: { points: points(2100, 4000, 7900, 4000, 7900, 9800, 2100, 9800) },
      targets: [{ id: "1777", type: "car", rect: rect(3560, 5125, 6012, 8840) }],
    },
  },
  {
    file: "nvr-v2/unknown-word.xml",
    quirks: [],
    expect: {
      kind: "event",
      format: "nvr-v2",
      smartType: "queueLengthAlarm",
      category: "other",
      device: exact({ name: "Lager & Hof", ip: "10.30.0.2", mac: "A4:14:37:C0:FF:EE", channel: 1 }),
      timestamp: 1768100700555,
      eventId: "90",
      targets: [{ id: "45", type: "person", rect: rect(1500, 1500, 2500, 3500) }],
    },
  },

  // ---------------- quirks ----------------
  {
    file: "quirks/keepalive-empty.xml",
    quirks: [1],
    expect: { kind: "keepalive", format: "ipc-v1", protocolVersion: undefined, device: exact({}), timeSource: "received", timestamp: RECEIVED_AT },
  },
  {
    file: "quirks/keepalive-whitespace.xml",
    quirks: [1],
    expect: { kind: "keepalive", format: "ipc-v1", device: exact({}), timeSource: "received", timestamp: RECEIVED_AT },
  },
  {
    file: "quirks/keepalive-identity-only.xml",
    quirks: [],
    expect: {
      kind: "keepalive",
      format: "ipc-v1",
      protocolVersion: "1.7",
      device: exact({ name: "Porch", mac: "5c:f2:07:3a:94:11", serial: "Q7C2E55041GX" }),
      timeSource: "received",
    },
  },
  {
    file: "quirks/comments-around-root.xml",
    quirks: [7, 44],
    expect: {
      kind: "event",
      smartType: "VFD",
      category: "face",
      device: exact({ name: "Workshop" }),
      timestamp: 1767601350500,
      targets: [{ id: "140", type: "person", rect: rect(2000, 1000, 2600, 2100) }],
      images: NO_IMAGES,
    },
  },
  {
    file: "quirks/one-line-tripwire.xml",
    quirks: [8, 10, 35],
    expect: {
      kind: "event",
      smartType: "PEA",
      category: "lineCrossing",
      device: exact({ name: "Fence North", mac: "5c:f2:07:3a:91:e3", serial: "Q7C2E55023UV", channel: 1 }),
      timestamp: 1767610020030,
      eventId: "89",
      line: line(300, 5000, 9700, 5200),
      targets: [{ id: "20", type: "person", rect: rect(7010, 2975, 7855, 7020) }],
      images: {
        source: img("quirks/one-line-tripwire.xml", "sourceBase64Data"),
        target: img("quirks/one-line-tripwire.xml", "targetBase64Data"),
      },
    },
  },
  {
    file: "quirks/nvr-vehicle-20digit-time.xml",
    quirks: [17, 34, 37, 38],
    expect: {
      kind: "event",
      format: "nvr-v2",
      smartType: "vehicle",
      category: "lpr",
      device: exact({ ...NVR_DEVICE, channel: 4 }),
      timeSource: "received",
      timestamp: RECEIVED_AT,
      targets: [{ id: "216", type: "plate", rect: rect(655, 512, 790, 560, "pixels") }],
      plate: { number: "KL9033", color: "white", group: undefined },
      vehicle: exact({ type: "sedan", color: "silver" }),
      images: NO_IMAGES,
    },
  },
  {
    file: "quirks/nvr-source-no-dims.xml",
    quirks: [31, 38],
    expect: {
      kind: "event",
      smartType: "regionIntrusion",
      category: "intrusion",
      device: exact({ ...NVR_DEVICE, channel: 3 }),
      timestamp: 1768100009000,
      eventId: "5121",
      region: { points: points(1020, 2210, 5590, 1985, 8815, 5230) },
      targets: [{ id: "4097", type: "person", rect: undefined }], // zero-area rect (x1 == x2)
      images: { source: img("quirks/nvr-source-no-dims.xml", "sourceBase64Data"), target: undefined },
    },
  },
  {
    file: "quirks/alarm-status-names.xml",
    quirks: [14, 15, 18, 21],
    expect: {
      kind: "alarmStatus",
      format: "ipc-v1",
      active: true,
      alarmType: "VFDAlarm",
      category: "face",
      alarms: [
        exact({ alarmType: "VFDAlarm", active: true, id: "1", category: "face" }),
        exact({ alarmType: "vehicleAlarm", active: false, id: "2", category: "lpr" }),
        exact({ alarmType: "vehiceAlarm", active: false, id: "3", category: "lpr" }),
        exact({ alarmType: "aoiLeaveAlarm", active: false, id: "1", category: "zoneExit" }),
      ],
      device: exact({ name: "Reception", number: "2", serial: "Q7C2E55024WX", ip: "10.20.4.44", mac: "5C:F2:07:3A:91:F1" }),
      timeSource: "deviceLocal",
      timestamp: local(2026, 1, 2, 12, 30, 0), // 12:30 PM is half past noon
    },
  },
  {
    file: "quirks/legacy-alarm-server.xml",
    quirks: [6, 15, 18, 42],
    expect: {
      kind: "alarmStatus",
      format: "ipc-v1",
      protocolVersion: "1.0",
      active: true,
      alarmType: "motionAlarm",
      category: "motion",
      alarms: [exact({ alarmType: "motionAlarm", active: true, id: "1", category: "motion" })],
      device: exact({ name: "Old Barn", number: "1", serial: "Q7C2E55000AA", ip: "10.20.9.7", mac: "5C-F2-07-3A-92-0A" }),
      timeSource: "deviceLocal",
      timestamp: local(2025, 10, 30, 18, 2, 44),
    },
  },
  {
    file: "quirks/rect-elided.xml",
    quirks: [6, 22, 31, 34, 44],
    expect: {
      kind: "event",
      smartType: "PEA",
      category: "intrusion",
      device: exact({ name: "Warehouse West" }),
      timestamp: 1767620000000,
      eventId: "77",
      region: { points: points(700, 900, 9100, 1100) }, // comments stand in for the rest: never invented
      targets: [
        { id: "31", type: "person", rect: undefined }, // zero-area rect in perInfo, "..." in listInfo
        { id: "32", type: "car", rect: undefined }, // all zeros
      ],
      images: NO_IMAGES,
    },
  },
  {
    file: "quirks/ipc-lpr-unlisted.xml",
    quirks: [8, 25, 26, 27, 34],
    expect: {
      kind: "event",
      smartType: "VEHICE",
      category: "lpr",
      device: exact({ name: "Gate LPR 2", mac: "5c:f2:07:3a:91:c5", serial: "Q7C2E55020NP", channel: 1 }),
      timestamp: 1765209900100,
      targets: [{ id: "28", type: "motor" }],
      plate: { number: "MZ55E01", group: undefined, direction: "away", confidence: 88, rect: rect(3010, 5520, 3600, 6105) },
      vehicle: undefined,
      images: NO_IMAGES,
    },
  },
  {
    file: "quirks/v2-envelope-ipc-layout.xml",
    quirks: [46],
    expect: {
      kind: "event",
      format: "nvr-v2", // format label from the version, layout from the elements
      protocolVersion: "2.1.0",
      smartType: "PEA",
      category: "lineCrossing",
      device: exact({ name: "New Firmware Cam", mac: "5c:f2:07:3a:94:10", serial: "Q7C2E55040FW" }),
      timestamp: 1767630000000,
      eventId: "12",
      line: line(4000, 100, 4100, 9900),
      targets: [{ id: "9", type: "person", rect: rect(3500, 4000, 4800, 9000) }],
    },
  },
  { file: "quirks/config-api-reply.xml", quirks: [45], error: ["unknown-document"] },
  { file: "quirks/config-status-success.xml", quirks: [45], error: ["unknown-document"] },
  { file: "quirks/unknown-messagetype.xml", quirks: [], error: ["unknown-document"] },
  { file: "quirks/raw-base64-after-declaration.xml", quirks: [46], error: ["not-xml", "malformed-xml", "unknown-document"] },
];

/**
 * PROTOCOL.md section 7: where each quirk is covered. Numbers not listed in any case's `quirks`
 * say why (transport-level facts are for the listener's tests).
 */
const NOT_A_PARSER_FIXTURE: Record<number, string> = {
  5: "HTTP request line / headers: listener tests",
};

// ---- tests ------------------------------------------------------------------------------------

function parseFixture(file: string, options: ParseOptions = {}): ParsedMessage {
  return parseMessage(loadFixture(file), { receivedAt: RECEIVED_AT, ...options });
}

function catchParse(body: string | Buffer, options: ParseOptions = {}): unknown {
  try {
    parseMessage(body, { receivedAt: RECEIVED_AT, ...options });
  } catch (err) {
    return err;
  }
  return undefined;
}

describe("own fixtures (test/fixtures)", () => {
  for (const c of CASES) {
    const label = `${c.file}${c.quirks.length ? ` [quirks ${c.quirks.join(", ")}]` : ""}`;
    if (c.error) {
      it(`${label} -> ViewtronParseError ${c.error.join(" | ")}`, () => {
        const err = catchParse(loadFixture(c.file));
        assert.ok(err instanceof ViewtronParseError, `expected ViewtronParseError, got ${String(err)}`);
        assert.ok(c.error!.includes(err.code), `code ${err.code} not in ${c.error!.join(", ")}`);
      });
      continue;
    }
    it(label, () => {
      const payload = parseFixture(c.file);
      expectSubset(payload, c.expect);
      const p = payload as unknown as { time: string; timestamp: number };
      assert.equal(typeof p.time, "string");
      assert.equal(Date.parse(p.time), p.timestamp, `time ${p.time} does not match timestamp ${p.timestamp}`);
      assertContractShape(payload);
      if (payload.kind === "event" || payload.kind === "traject") {
        assert.ok(Array.isArray(payload.targets), "targets is always an array");
        for (const t of payload.targets) {
          assert.equal(typeof t.id, "string", "target ids are strings");
          assert.ok(["person", "car", "motor", "face", "plate", "other"].includes(t.type), `target type ${t.type}`);
        }
      }
    });
  }

  it("every PROTOCOL.md quirk 1..46 is covered by a fixture or accounted for", () => {
    const covered = new Set(CASES.flatMap((c) => c.quirks));
    const missing: number[] = [];
    for (let q = 1; q <= 46; q++) if (!covered.has(q) && !(q in NOT_A_PARSER_FIXTURE)) missing.push(q);
    assert.deepEqual(missing, []);
  });

  it("every fixture file is in the table, and each is under 20 KB", () => {
    const root = repoPath("test", "fixtures");
    const files: string[] = [];
    for (const dir of fs.readdirSync(root)) {
      const sub = path.join(root, dir);
      if (!fs.statSync(sub).isDirectory()) continue;
      for (const f of fs.readdirSync(sub)) if (f.endsWith(".xml")) files.push(`${dir}/${f}`);
    }
    const listed = new Set(CASES.map((c) => c.file));
    assert.deepEqual(files.filter((f) => !listed.has(f)).sort(), []);
    for (const f of files) assert.ok(fs.statSync(path.join(root, f)).size < 20 * 1024, `${f} is 20 KB or more`);
  });

  it("every message kind and smartType named by PROTOCOL.md section 3 has a fixture", () => {
    const kinds = new Set<string>();
    const types = new Set<string>();
    for (const c of CASES) {
      if (!c.expect) continue;
      kinds.add(`${String(c.expect.format ?? "")}:${String(c.expect.kind)}`);
      if (typeof c.expect.smartType === "string") types.add(c.expect.smartType);
    }
    for (const k of ["keepalive", "alarmStatus", "event"]) {
      assert.ok(kinds.has(`ipc-v1:${k}`), `ipc-v1 ${k}`);
      assert.ok(kinds.has(`nvr-v2:${k}`), `nvr-v2 ${k}`);
    }
    assert.ok(kinds.has("ipc-v1:traject"));
    const ipc = ["VEHICE", "VEHICLE", "PEA", "TRIPWIRE", "VFD", "VFD_MATCH", "AOIENTRY", "AOILEAVE", "LOITER", "PVD", "PASSLINECOUNT", "TRAFFIC", "VSD", "MOTION", "SENSOR", "AVD", "OSC", "CPC", "CDD", "IPD", "ASD", "FIRE", "TEMPERATURE", "SMD", "CROWDGATHERING", "FALLING", "EA"];
    const nvr = ["regionIntrusion", "lineCrossing", "vehicle", "videoFaceDetect", "videoMetadata", "targetCountingByLine", "targetCountingByArea"];
    for (const t of [...ipc, ...nvr]) assert.ok(types.has(t), `no fixture for ${t}`);
  });

  it("images are the exact generated JPEGs and the fixtures are in sync with the encoder", () => {
    assert.deepEqual(embedFixtureImages(true), [], "run: node dist/test/support/fixture-images.js");
    for (const spec of FIXTURE_IMAGES) {
      const image = fixtureImage(spec.file, spec.element, spec.index);
      const info = readJpegInfo(image);
      assert.equal(info.width, spec.width);
      assert.equal(info.height, spec.height);
      assert.ok(loadFixture(spec.file).toString("utf8").includes(image.toString("base64")), `${spec.file} lacks its image`);
    }
  });
});

describe("own fixtures: options and input forms", () => {
  it("a Buffer and a string body give the same payload", () => {
    for (const file of ["ipc-v1/lpr-vehice.xml", "nvr-v2/line-crossing.xml", "ipc-v1/alarm-status-on.xml"]) {
      const fromBuffer = parseFixture(file);
      const fromString = parseMessage(loadFixture(file).toString("utf8"), { receivedAt: RECEIVED_AT });
      assert.deepEqual(fromString, fromBuffer, file);
    }
  });

  it("parsing is deterministic (same body, same payload)", () => {
    assert.deepEqual(parseFixture("nvr-v2/vehicle.xml"), parseFixture("nvr-v2/vehicle.xml"));
  });

  it("options.remoteAddress becomes device.remoteAddress; absent otherwise", () => {
    const withAddr = parseFixture("nvr-v2/keepalive.xml", { remoteAddress: "10.30.0.2" });
    assert.deepEqual({ ...withAddr.device }, { ...NVR_DEVICE, remoteAddress: "10.30.0.2" });
    assert.equal(parseFixture("nvr-v2/keepalive.xml").device.remoteAddress, undefined);
    const empty = parseFixture("quirks/keepalive-empty.xml", { remoteAddress: "10.20.4.31" });
    assert.deepEqual({ ...empty.device }, { remoteAddress: "10.20.4.31" });
  });

  it("options.images === false: no Buffers, every other field unchanged", () => {
    for (const file of ["ipc-v1/lpr-vehice.xml", "nvr-v2/region-intrusion.xml", "ipc-v1/vsd.xml"]) {
      const full = parseFixture(file) as unknown as Record<string, unknown>;
      const lean = parseFixture(file, { images: false }) as unknown as Record<string, unknown>;
      const leanImages = lean.images as { source?: Buffer; target?: Buffer } | undefined;
      assert.equal(leanImages?.source, undefined, `${file}: source decoded although images: false`);
      assert.equal(leanImages?.target, undefined, `${file}: target decoded although images: false`);
      const strip = (p: Record<string, unknown>) => {
        const { images: _images, ...rest } = p;
        return rest;
      };
      assert.deepEqual(strip(lean), strip(full), file);
    }
  });

  it("receivedAt as a Date works like epoch milliseconds", () => {
    const a = parseFixture("nvr-v2/keepalive.xml", { receivedAt: new Date(RECEIVED_AT) });
    assert.equal(a.timestamp, RECEIVED_AT);
    assert.equal(a.timeSource, "received");
  });
});

describe("own fixtures: time rules (PROTOCOL 2.4)", () => {
  const nvrStatus = (currentTime: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><config version="2.0.0" xmlns="http://www.ipc.com/ver10"><messageType>alarmStatus</messageType>` +
    `<deviceInfo><deviceName><![CDATA[Depot NVR]]></deviceName><ip><![CDATA[10.30.0.2]]></ip><mac><![CDATA[A4:14:37:C0:FF:EE]]></mac><channelId>1</channelId></deviceInfo>` +
    `<currentTime>${currentTime}</currentTime><alarmStatusInfo><motionAlarm><item id="1">true</item></motionAlarm></alarmStatusInfo></config>`;
  const ipcStatus = (dataTime: string) =>
    `<config version="1.7" xmlns="http://www.ipc.com/ver10"><alarmStatusInfo><motionAlarm type="boolean" id="1">true</motionAlarm></alarmStatusInfo>` +
    `<dataTime><![CDATA[${dataTime}]]></dataTime><deviceInfo><deviceName><![CDATA[Hallway]]></deviceName></deviceInfo></config>`;

  const device: Array<[string, string, number]> = [
    ["16 digits = microseconds", "1768100000123456", 1768100000123],
    ["13 digits = milliseconds", "1768100000123", 1768100000123],
    ["10 digits = seconds", "1768100000", 1768100000000],
    ["12 hours after receipt is still the device's", String((RECEIVED_AT + 12 * 3600 * 1000) * 1000), RECEIVED_AT + 12 * 3600 * 1000],
  ];
  for (const [name, value, ts] of device) {
    it(`currentTime ${name}`, () => {
      const p = parseMessage(nvrStatus(value), { receivedAt: RECEIVED_AT });
      assert.equal(p.timeSource, "device");
      assert.equal(p.timestamp, ts);
      assert.equal(Date.parse(p.time), ts);
    });
  }

  const received: Array<[string, string]> = [
    ["20 digits (beyond 2^53)", "18446744073709551615"],
    ["zero (1970, before 2000)", "0000000000000000"],
    ["1999 in milliseconds with a leading zero", "0946684799000"],
    ["more than a day after receipt", String((RECEIVED_AT + 2 * 86400 * 1000) * 1000)],
    ["far future (2100)", "4102444800000000"],
    ["15 digits", "176810000012345"],
    ["not a number", "soon"],
    ["negative", "-1768100000000000"],
    ["empty", ""],
  ];
  for (const [name, value] of received) {
    it(`currentTime ${name} -> receive time`, () => {
      const p = parseMessage(nvrStatus(value), { receivedAt: RECEIVED_AT });
      assert.equal(p.timeSource, "received");
      assert.equal(p.timestamp, RECEIVED_AT);
      assert.equal(p.time, new Date(RECEIVED_AT).toISOString());
    });
  }

  const local12: Array<[string, string, number]> = [
    ["12 AM is midnight", "03-15-2025 12:00:01 AM", new Date(2025, 2, 15, 0, 0, 1).getTime()],
    ["12 PM is noon", "03-15-2025 12:59:59 PM", new Date(2025, 2, 15, 12, 59, 59).getTime()],
    ["01 PM is 13h", "03-15-2025 01:07:00 PM", new Date(2025, 2, 15, 13, 7, 0).getTime()],
    ["11 AM", "12-31-2025 11:59:59 AM", new Date(2025, 11, 31, 11, 59, 59).getTime()],
    ["ISO-like 24 h", "2025-07-04 23:10:05", new Date(2025, 6, 4, 23, 10, 5).getTime()],
  ];
  for (const [name, value, ts] of local12) {
    it(`dataTime ${name} -> deviceLocal`, () => {
      const p = parseMessage(ipcStatus(value), { receivedAt: RECEIVED_AT });
      assert.equal(p.timeSource, "deviceLocal");
      assert.equal(p.timestamp, ts);
      assert.equal(Date.parse(p.time), ts);
    });
  }

  for (const bad of ["13-45-2025 10:00:00 AM", "yesterday", "", "1999-12-31 23:59:59"]) {
    it(`dataTime ${JSON.stringify(bad)} -> receive time`, () => {
      const p = parseMessage(ipcStatus(bad), { receivedAt: RECEIVED_AT });
      assert.equal(p.timeSource, "received");
      assert.equal(p.timestamp, RECEIVED_AT);
    });
  }
});

describe("test JPEG encoder (src/sim/jpeg)", () => {
  it("writes SOI, APP0 JFIF, DQT, SOF0, DHT, SOS, EOI with the size in SOF0", () => {
    for (const [w, h] of [[64, 48], [32, 16], [1, 1], [17, 9], [333, 7]] as const) {
      const jpeg = makeTestJpeg(w, h, 7);
      const info = readJpegInfo(jpeg);
      assert.deepEqual(info.markers, [0xd8, 0xe0, 0xdb, 0xc0, 0xc4, 0xda, 0xd9], `${w}x${h}`);
      assert.equal(info.width, w);
      assert.equal(info.height, h);
      assert.equal(info.components, 3);
      assert.equal(jpeg.subarray(6, 11).toString("latin1"), "JFIF\0");
      assert.equal(jpeg.subarray(0, 3).toString("hex"), "ffd8ff");
    }
  });

  it("grayscale output has one component", () => {
    const info = readJpegInfo(encodeJpeg(40, 30, (x, y) => [x * 6, y * 8, 0], { grayscale: true }));
    assert.equal(info.components, 1);
    assert.deepEqual([info.width, info.height], [40, 30]);
  });

  it("is deterministic per seed, differs between seeds, grows with size and quality", () => {
    assert.ok(makeTestJpeg(64, 48, 3).equals(makeTestJpeg(64, 48, 3)));
    assert.ok(!makeTestJpeg(64, 48, 3).equals(makeTestJpeg(64, 48, 4)));
    const small = makeTestJpeg(160, 90, 5).length;
    const large = makeTestJpeg(640, 360, 5).length;
    assert.ok(large > small * 5, `640x360 ${large} B vs 160x90 ${small} B`);
    assert.ok(makeTestJpeg(160, 90, 5, { quality: 95 }).length > makeTestJpeg(160, 90, 5, { quality: 40 }).length);
    // noisy pictures do not compress to nothing: ~0.1+ bytes per pixel at quality 75
    assert.ok(large > 640 * 360 * 0.1, `640x360 only ${large} B`);
  });

  it("stuffs every 0xFF in the entropy-coded data", () => {
    const jpeg = makeTestJpeg(128, 96, 11, { quality: 100, noise: 60 });
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    const scanStart = sos + 2 + jpeg.readUInt16BE(sos + 2);
    let stuffed = 0;
    for (let i = scanStart; i < jpeg.length - 2; i++) {
      if (jpeg[i] !== 0xff) continue;
      assert.equal(jpeg[i + 1], 0x00, `unstuffed 0xFF at ${i}`);
      stuffed++;
      i++;
    }
    assert.ok(stuffed > 0, "expected some 0xFF bytes in a noisy scan");
    assert.equal(jpeg.subarray(-2).toString("hex"), "ffd9");
  });

  it("rejects impossible sizes", () => {
    assert.throws(() => encodeJpeg(0, 10, () => [0, 0, 0]), RangeError);
    assert.throws(() => encodeJpeg(10, 70000, () => [0, 0, 0]), RangeError);
    assert.throws(() => encodeJpeg(1.5, 10, () => [0, 0, 0]), RangeError);
  });
});

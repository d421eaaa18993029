// The scanner against fast-xml-parser as an oracle: same tree on every fixture, and the same
// verdict (well-formed or not) on a set of broken documents.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { scanXml, MAX_DEPTH } from "../../src/protocol/xml-scan";
import { ViewtronParseError } from "../../src/protocol/errors";
import { repoPath, sharedDir, xmlFilesBelow } from "../support/paths";

const oracle = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name: string, _jpath: unknown, _leaf: boolean, isAttribute: boolean) =>
    !isAttribute && (name === "item" || name === "enum"),
});

function xmlFiles(dir: string): string[] {
  return fs.existsSync(dir) ? xmlFilesBelow(dir).map((rel) => path.join(dir, rel)) : [];
}

function scanned(text: string): unknown {
  const { rootName, root } = scanXml(text);
  return { [rootName]: root };
}

describe("XML scanner", () => {
  const shared = sharedDir();
  const files = [...xmlFiles(repoPath("test", "fixtures")), ...(shared ? xmlFiles(path.join(shared, "fixtures", "viewtron")) : [])];

  it("has fixtures to compare", () => {
    assert.ok(files.length >= 10, `only ${files.length} fixtures found`);
  });

  it("builds the same tree as fast-xml-parser on every fixture", () => {
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
      if (!text.trim() || /<!\s*(DOCTYPE|ENTITY)/i.test(text) || XMLValidator.validate(text) !== true) continue;
      assert.deepEqual(scanned(text), oracle.parse(text), path.relative(repoPath(), file));
      compared++;
    }
    assert.ok(compared >= 10);
  });

  it("decodes the XML entities and character references, merges CDATA", () => {
    assert.deepEqual(scanned('<a t="x&amp;y"><b>1 &lt; 2 &#65;&#x42;</b><c><![CDATA[<raw> & ]]></c></a>'), {
      a: { "@_t": "x&y", b: "1 < 2 AB", c: "<raw> &" },
    });
  });

  const broken: Array<[string, string]> = [
    ["<a><b></a>", "crossed tags"],
    ["<a>", "unclosed root"],
    ["<a></a><b></b>", "two roots"],
    ["<a></a>trailing", "text after the root"],
    ["<a x=1></a>", "unquoted attribute"],
    ['<a x="1" x="2"></a>', "repeated attribute"],
    ["<a>&bogus;</a>", "undefined entity"],
    ["<a>&constructor;</a>", "an Object member as entity"],
    ['<a x="&toString;"/>', "an Object member as entity in an attribute"],
    ["<a>fish & chips</a>", "bare ampersand"],
    ["<a><!-- never closed </a>", "unterminated comment"],
    ["<a><![CDATA[ never closed </a>", "unterminated CDATA"],
    ['<a x="<"></a>', "< in attribute"],
    ["<1a></1a>", "bad name"],
    ["<a></b>", "wrong end tag"],
  ];
  for (const [doc, why] of broken) {
    it(`rejects ${why}`, () => {
      assert.throws(() => scanXml(doc), (err: unknown) => err instanceof ViewtronParseError && err.code === "malformed-xml");
    });
  }

  it("bounds nesting depth", () => {
    const deep = "<a>".repeat(MAX_DEPTH + 1) + "</a>".repeat(MAX_DEPTH + 1);
    assert.throws(() => scanXml(deep), (err: unknown) => err instanceof ViewtronParseError && err.code === "too-deep");
    const ok = "<a>".repeat(MAX_DEPTH) + "</a>".repeat(MAX_DEPTH);
    assert.doesNotThrow(() => scanXml(ok));
  });

  it("refuses element and attribute names that reach Object.prototype", () => {
    for (const doc of ["<a><__proto__><x>1</x></__proto__></a>", "<a><constructor>1</constructor></a>", '<a prototype="1"/>']) {
      assert.throws(() => scanXml(doc), (err: unknown) => err instanceof ViewtronParseError && err.code === "forbidden-name");
    }
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it("cuts a multi-megabyte text node as one substring", () => {
    const big = "A".repeat(8 * 1024 * 1024);
    const started = process.hrtime.bigint();
    const { root } = scanXml(`<config><sourceBase64Data>${big}</sourceBase64Data></config>`);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal((root.sourceBase64Data as string).length, big.length);
    assert.ok(ms < 500, `took ${ms} ms`); // a regression guard, generous for a loaded CI machine
  });
});

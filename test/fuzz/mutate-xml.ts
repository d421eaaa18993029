// Structure-aware damage: tags swapped, renamed, duplicated, removed, re-shaped; values replaced.
import type { Mutation, Mutator } from "./mutate-bytes";
import type { Rng } from "./rng";
import { elementEnd, gaps, leaves, numericLeaves, splice, startTags, utf8 } from "./spots";

const same = (doc: string, why: string): Mutation => ({ doc, note: `${why}(none)` });

function renameAll(doc: string, from: string, to: string): string {
  const name = from.replace(/[.\-\\^$*+?()[\]{}|]/g, "\\$&");
  return doc.replace(new RegExp(`<(/?)${name}(?=[\\s/>])`, "g"), `<$1${to}`);
}

/** Two element names swapped everywhere (well-formed, wrong meaning), or in one tag only (broken). */
export const tagSwap: Mutator = (rng, doc) => {
  const names = [...new Set(startTags(doc).map((t) => t.name))];
  if (names.length < 2) return same(doc, "tag-swap");
  const a = rng.pick(names);
  const b = rng.pick(names.filter((n) => n !== a));
  if (rng.chance(0.75)) {
    const swapped = renameAll(renameAll(renameAll(doc, a, "\u0001swap"), b, a), "\u0001swap", b);
    return { doc: swapped, note: `swap-names ${a}<->${b}` };
  }
  const tag = rng.pick(startTags(doc).filter((t) => t.name === a));
  return { doc: splice(doc, tag.start + 1, tag.start + 1 + a.length, b), note: `swap-one-tag ${a}->${b}@${tag.start}` };
};

/** Two non-overlapping elements exchange places. */
export const elementSwap: Mutator = (rng, doc) => {
  const tags = startTags(doc).slice(1);
  // A few sampled candidates: finding every element's end would be quadratic on deep nesting.
  const spans = Array.from({ length: Math.min(8, tags.length) }, () => rng.pick(tags))
    .map((t) => ({ t, end: elementEnd(doc, t) }))
    .filter((s): s is { t: typeof s.t; end: number } => s.end !== undefined);
  if (spans.length < 2) return same(doc, "element-swap");
  const x = spans[0];
  const apart = spans.filter((s) => s.end <= x.t.start || s.t.start >= x.end);
  if (apart.length === 0) return same(doc, "element-swap");
  const y = rng.pick(apart);
  const [first, second] = x.t.start < y.t.start ? [x, y] : [y, x];
  const a = doc.slice(first.t.start, first.end);
  const b = doc.slice(second.t.start, second.end);
  const out = doc.slice(0, first.t.start) + b + doc.slice(first.end, second.t.start) + a + doc.slice(second.end);
  return { doc: out, note: `swap-elements ${first.t.name}@${first.t.start}<->${second.t.name}@${second.t.start}` };
};

export const duplicateOrRemove: Mutator = (rng, doc) => {
  const tags = startTags(doc);
  if (tags.length < 2) return same(doc, "dup-remove");
  const tag = rng.pick(tags.slice(1));
  const end = elementEnd(doc, tag);
  if (end === undefined) return same(doc, "dup-remove");
  if (rng.chance(0.5)) return { doc: splice(doc, tag.start, end, ""), note: `remove ${tag.name}@${tag.start}` };
  const copies = 1 + rng.sized(rng.chance(0.1) ? 3000 : 4);
  return { doc: splice(doc, end, end, doc.slice(tag.start, end).repeat(copies)), note: `duplicate ${tag.name}x${copies}` };
};

/** A text-only element becomes an object, empty, self-closing or CDATA-wrapped (type confusion). */
export const reshape: Mutator = (rng, doc) => {
  const list = leaves(doc);
  if (list.length === 0) return same(doc, "reshape");
  const leaf = rng.pick(list);
  const text = doc.slice(leaf.start, leaf.end);
  const forms = [
    `<${leaf.name}>${text}</${leaf.name}>`, `<item>${text}</item>`, `<item>${text}</item><item>${text}</item>`, "",
    "   \r\n\t ", `<![CDATA[${text}]]>`, `<![CDATA[]]>`, `${text}<x a="1"/>`, `<a><b><c>${text}</c></b></a>`,
  ];
  const pick = rng.int(0, forms.length);
  if (pick === forms.length) {
    // attributes on the element itself, text kept
    const open = doc.lastIndexOf("<", leaf.start);
    return { doc: splice(doc, open + 1 + leaf.name.length, open + 1 + leaf.name.length, ` type="list" count="-1" id="x"`), note: `reshape-attr ${leaf.name}` };
  }
  return { doc: splice(doc, leaf.start, leaf.end, forms[pick]), note: `reshape ${leaf.name}#${pick}` };
};

// Numbers no camera sends, and texts that only look like numbers.
const NUMBERS = [
  "-1", "-0", "0", "-2147483649", "4294967296", "9007199254740993", "99999999999999999999", "-99999999999999999999",
  "1e309", "-1e309", "1.7976931348623157e308", "NaN", "Infinity", "-Infinity", "0x7fffffff", "1_000", "١٢٣", "12abc",
  "00000000000000000000000000001", "3.14159", "-0.0000001", ".5", "5.", "+5", " 7 ", "",
];

export const hostileNumber: Mutator = (rng, doc) => {
  const list = numericLeaves(doc);
  if (list.length === 0) return same(doc, "number");
  const leaf = rng.pick(list);
  const value = rng.chance(0.2)
    ? `${rng.chance(0.5) ? "-" : ""}${"9".repeat(300 + rng.sized(5000))}${rng.chance(0.3) ? ".5" : ""}`
    : rng.pick(NUMBERS);
  return { doc: splice(doc, leaf.start, leaf.end, utf8(value)), note: `number ${leaf.name}=${value.slice(0, 24)}` };
};

const TEXTS = [
  "", " ", "null", "undefined", "true", "false", "[object Object]", "__proto__", "constructor", "hasOwnProperty",
  "toString", "&amp;&lt;&gt;&quot;&apos;", "&#x1F600;", "&#0;", "&#x110000;", "&#xD800;", "&#99999999999;", "&nope;",
  "&", "a & b", "]]>", "<![CDATA[x]]>", "\u202eevil", "😀 ÄÖÜ ß €", "\u0000\u0001\u001f", "${process.exit()}",
  "../../etc/passwd", "%s%s%n", "\\", "'\"`", "a/b/c", "#", "+", "/9j/", "alarmData", "keepalive",
];

export const hostileText: Mutator = (rng, doc) => {
  const list = leaves(doc);
  if (list.length === 0) return same(doc, "text");
  const leaf = rng.pick(list);
  const value = rng.chance(0.08) ? rng.pick(["x", "\u00e9", "ab ", "<a/>"]).repeat(1000 + rng.sized(300_000)) : rng.pick(TEXTS);
  return { doc: splice(doc, leaf.start, leaf.end, utf8(value)), note: `text ${leaf.name}=${JSON.stringify(value.slice(0, 24))}` };
};

const VERSIONS = ["", "2", "2.0", "3.0.0", "10", "1.7", "0", "-2", "2abc", "99999999999999999999", "NaN", " 2.0 ", "v2"];

/** Root and other attributes: versions, reply markers, duplicates, broken quoting. */
export const attributes: Mutator = (rng, doc) => {
  const tags = startTags(doc);
  if (tags.length === 0) return same(doc, "attr");
  const tag = rng.chance(0.5) ? tags[0] : rng.pick(tags);
  const at = tag.start + 1 + tag.name.length;
  const extras = [
    ` version="${rng.pick(VERSIONS)}"`, ` status="success"`, ` errorCode="0"`, ` type="list" type="list"`, ` a=unquoted`,
    ` b="unterminated`, ` c='single'`, ` d="&lt;&#65;&bogus;"`, ` e="<"`, ` f`, ` =""`, ` g="${"v".repeat(rng.sized(100_000))}"`,
  ];
  const extra = rng.pick(extras);
  if (extra.startsWith(" version") && /\sversion="[^"]*"/.test(doc.slice(tag.start, tag.end))) {
    const out = doc.slice(0, tag.start) + doc.slice(tag.start, tag.end).replace(/\sversion="[^"]*"/, extra) + doc.slice(tag.end);
    return { doc: out, note: `attr${extra.slice(0, 30)}` };
  }
  return { doc: splice(doc, at, at, extra), note: `attr ${tag.name}${extra.slice(0, 30)}` };
};

const KINDS = ["alarmData", "alarmStatus", "keepalive", "heartbeat", "traject", "ALARMDATA", "", "alarmdata ", "config"];
const SMART_TYPES = [
  "VEHICE", "VEHICLE", "PEA", "AOIENTRY", "AOILEAVE", "PASSLINECOUNT", "VFD", "VFD_MATCH", "VSD", "LOITER", "PVD", "CPC",
  "vehicle", "regionIntrusion", "lineCrossing", "videoFaceDetect", "targetCountingByArea", "targetCountingByLine",
  "videoMetadata", "", "__proto__", "unknownThing",
];

/** The document claims to be another kind: messageType / smartType replaced or added. */
export const kindSwap: Mutator = (rng, doc) => {
  const element = rng.chance(0.5) ? "messageType" : "smartType";
  const long = rng.chance(0.1) ? "k".repeat(600 + rng.sized(200_000)) : undefined;
  const value = long ?? (element === "messageType" ? rng.pick(KINDS) : rng.pick(SMART_TYPES));
  const existing = leaves(doc).filter((l) => l.name === element);
  if (existing.length > 0) {
    const leaf = rng.pick(existing);
    return { doc: splice(doc, leaf.start, leaf.end, value), note: `${element}=${value.slice(0, 24)}` };
  }
  const tags = startTags(doc);
  if (tags.length === 0) return same(doc, "kind");
  const at = tags[0].end;
  return { doc: splice(doc, at, at, `<${element}>${value}</${element}>`), note: `add ${element}=${value.slice(0, 24)}` };
};

/** An element of another fixture grafted in (events get alarm blocks, heartbeats get targets). */
export function crossover(donor: string): Mutator {
  return (rng: Rng, doc: string) => {
    const tags = startTags(donor).slice(1);
    const spots = gaps(doc);
    if (tags.length === 0 || spots.length === 0) return same(doc, "crossover");
    const tag = rng.pick(tags);
    const end = elementEnd(donor, tag);
    if (end === undefined) return same(doc, "crossover");
    const at = rng.pick(spots);
    return { doc: splice(doc, at, at, donor.slice(tag.start, end)), note: `graft ${tag.name}@${at}` };
  };
}

/** Very long names: of the root, of an element, an attribute or an entity (error messages quote them). */
export const longName: Mutator = (rng, doc) => {
  const tags = startTags(doc);
  const long = `n${"x".repeat(600 + rng.sized(100_000))}`;
  const mode = rng.int(0, 2);
  if (mode === 0 && tags.length > 0) {
    const tag = rng.chance(0.4) ? tags[0] : rng.pick(tags);
    return { doc: renameAll(doc, tag.name, long), note: `long-name ${tag.name} (${long.length})` };
  }
  const spots = gaps(doc);
  if (spots.length === 0) return same(doc, "long-name");
  const at = rng.pick(spots);
  const insert = mode === 1 ? `<a ${long}="1"/>` : `&${long};`;
  return { doc: splice(doc, at, at, insert), note: `long-${mode === 1 ? "attribute" : "entity"} (${long.length})@${at}` };
};

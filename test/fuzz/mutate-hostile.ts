// Attacks rather than accidents: prototype-polluting names, deep nesting, entity bombs and
// external entities, broken or hostile base64 images, markup noise around the root.
import { makeTestJpeg } from "../../src/sim/jpeg";
import type { Mutation, Mutator } from "./mutate-bytes";
import { gaps, leaves, splice, startTags } from "./spots";

const same = (doc: string, why: string): Mutation => ({ doc, note: `${why}(none)` });

/** Names that reach, shadow or confuse Object.prototype and the parser's own keys. */
export const HOSTILE_NAMES = [
  "__proto__", "constructor", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "toString",
  "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toJSON", "length", "item",
  "enum", "then", "polluted",
];

export const hostileName: Mutator = (rng, doc) => {
  const tags = startTags(doc);
  const name = rng.pick(HOSTILE_NAMES);
  const mode = rng.int(0, 3);
  if (mode === 0 && tags.length > 1) {
    // rename every occurrence of one element name (the root included, sometimes)
    const target = rng.pick(tags.slice(rng.chance(0.1) ? 0 : 1)).name;
    const pattern = new RegExp(`<(/?)${target.replace(/[.\-\\^$*+?()[\]{}|]/g, "\\$&")}(?=[\\s/>])`, "g");
    return { doc: doc.replace(pattern, `<$1${name}`), note: `rename ${target}->${name}` };
  }
  if (mode === 1 && tags.length > 0) {
    const tag = rng.pick(tags);
    const at = tag.start + 1 + tag.name.length;
    return { doc: splice(doc, at, at, ` ${name}="polluted"`), note: `attr ${name} on ${tag.name}` };
  }
  const spots = gaps(doc);
  if (spots.length === 0) return same(doc, "hostile-name");
  const at = rng.pick(spots);
  const inner = rng.chance(0.5) ? "<polluted>yes</polluted>" : `<item><polluted>1</polluted></item><${name}>2</${name}>`;
  return { doc: splice(doc, at, at, `<${name}>${inner}</${name}>`), note: `insert <${name}>@${at}` };
};

export const deepNesting: Mutator = (rng, doc) => {
  const spots = gaps(doc);
  if (spots.length === 0) return same(doc, "nest");
  const depth = rng.pick([8, 30, 63, 64, 65, 100]) + rng.sized(rng.chance(0.2) ? 200_000 : 3000);
  const name = rng.pick(["a", "item", "listInfo", "x".repeat(40)]);
  const at = rng.pick(spots);
  const closed = rng.chance(0.7);
  const nest = `<${name}>`.repeat(depth) + (rng.chance(0.5) ? "v" : `<${name}/>`) + (closed ? `</${name}>`.repeat(depth) : "");
  return { doc: splice(doc, at, at, nest), note: `nest <${name.slice(0, 8)}>x${depth}${closed ? "" : " unclosed"}` };
};

const LAUGHS =
  `<!DOCTYPE lolz [<!ENTITY lol "lol">` +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
  `]>`;
const DECLARATIONS = [
  LAUGHS,
  `<!DOCTYPE config [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
  `<!DOCTYPE config [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/evil">]>`,
  `<!DOCTYPE config [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>`,
  `<!DOCTYPE config SYSTEM "http://127.0.0.1:1/config.dtd">`,
  `<!doctype config>`, `<! DOCTYPE config>`, `<!DocType config [ ]>`, `<!ENTITY lol "lol">`, `<!ELEMENT config ANY>`,
  `<!ATTLIST config version CDATA "2.0.0">`, `<!DOCTYPE`,
];
const REFERENCES = ["&lol9;", "&xxe;", "&lol;", "%p;", "&#38;", "&#x26;amp;", "&amp;lol9;"];

/** A declaration before (or inside) the root, and entity references in values. */
export const doctype: Mutator = (rng, doc) => {
  const decl = rng.pick(DECLARATIONS);
  const root = startTags(doc)[0];
  const at = root === undefined || rng.chance(0.2) ? rng.int(0, doc.length) : root.start;
  let out = splice(doc, at, at, decl);
  const list = leaves(out);
  const ref = rng.pick(REFERENCES);
  if (list.length > 0) {
    const leaf = rng.pick(list);
    out = splice(out, leaf.start, leaf.start, ref);
  }
  return { doc: out, note: `decl ${decl.slice(0, 24)}@${at} ref ${ref}` };
};

let jpegs: string[] | undefined;
/** A few real JPEGs as base64 (made once): the decoder's success path under damage. */
function jpegBase64(): string[] {
  return (jpegs ??= [makeTestJpeg(16, 8, 1), makeTestJpeg(48, 32, 2), makeTestJpeg(8, 8, 3, { quality: 10 })].map((b) => b.toString("base64")));
}

function damage(b64: string, kind: number, junk: number): string {
  const mid = Math.floor(b64.length / 2);
  switch (kind) {
    case 0: return b64;
    case 1: return b64.slice(0, mid) + "!*%" + b64.slice(mid); // outside the alphabet
    case 2: return b64.slice(0, b64.length - 1 - (junk % 3)); // not a multiple of 4
    case 3: return `${b64}===`;
    case 4: return b64.replace(/.{1,60}/g, "$&\r\n "); // line-wrapped with spaces
    case 5: return b64.slice(4); // the /9j/ marker gone
    case 6: return `/9j/${"@".repeat(junk % 500)}`;
    case 7: return `${b64.slice(0, mid)}\u00e9\u00ff${b64.slice(mid)}`; // non-ASCII inside
    case 8: return `data:image/jpeg;base64,${b64}`;
    case 9: return `${b64}${b64}`;
    case 10: return `/9j/${"A".repeat(4 * (1 + (junk % 4000)))}`;
    case 11: return `<![CDATA[${b64.slice(0, mid)}]]><![CDATA[${b64.slice(mid)}]]>`;
    default: return `${"=".repeat(1 + (junk % 8))}${b64}`;
  }
}

const IMAGE_ELEMENTS = /^(sourceBase64Data|targetBase64Data)$/;

/** Image elements given a real JPEG, then (mostly) broken base64 of it. */
export const base64: Mutator = (rng, doc) => {
  const list = leaves(doc).filter((l) => IMAGE_ELEMENTS.test(l.name));
  if (list.length === 0) return same(doc, "base64");
  const leaf = rng.pick(list);
  const kind = rng.int(0, 12);
  const value = damage(rng.pick(jpegBase64()), kind, rng.next());
  return { doc: splice(doc, leaf.start, leaf.end, value), note: `base64 ${leaf.name}#${kind}` };
};

const NOISE = [
  "<!-- note -->", "<!-- unterminated", "<?pi data?>", "<?xml version=\"1.0\"?>", "<![CDATA[loose]]>", "<![CDATA[unterminated",
  "</config>", "<config>", "<>", "</>", "< config>", "<config version=\"2.0.0\"/>", "\ufeff", "\u0000", "trailing text", "&", "]]>",
];

/** Markup where it does not belong: comments, PIs, CDATA, stray tags, text outside the root. */
export const markupNoise: Mutator = (rng, doc) => {
  const noise = rng.pick(NOISE);
  const where = rng.int(0, 2);
  const at = where === 0 ? 0 : where === 1 ? doc.length : rng.int(0, doc.length);
  return { doc: splice(doc, at, at, Buffer.from(noise, "utf8").toString("latin1")), note: `noise ${JSON.stringify(noise)}@${at}` };
};

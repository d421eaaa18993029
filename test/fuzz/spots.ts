// Where to mutate: start tags, leaf values and element spans of a document, found with simple
// regexes on a latin1 "byte string" (one char per byte, so any byte survives a round trip).

export interface Tag {
  name: string;
  /** Index of `<`. */
  start: number;
  /** Index after `>`. */
  end: number;
  selfClosing: boolean;
}

export interface Leaf {
  name: string;
  /** Span of the text between `<name ...>` and `</name>` (CDATA markers included). */
  start: number;
  end: number;
}

const START_TAG = /<([A-Za-z_\x80-\xff][\w.:\-\x80-\xff]*)((?:\s[^<>]*?)?)(\/?)>/g;
const LEAF = /<([A-Za-z_\x80-\xff][\w.:\-\x80-\xff]*)(?:\s[^<>]*?)?>((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*?)<\/\1\s*>/g;

/** Bytes -> one char per byte, and back: lossless for every byte value. */
export const toBin = (bytes: Buffer): string => bytes.toString("latin1");
export const fromBin = (bin: string): Buffer => Buffer.from(bin, "latin1");
/** Unicode text -> its UTF-8 bytes as a byte string, for inserting into a document. */
export const utf8 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

export function startTags(doc: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of doc.matchAll(START_TAG)) {
    tags.push({ name: m[1], start: m.index, end: m.index + m[0].length, selfClosing: m[3] === "/" });
  }
  return tags;
}

export function leaves(doc: string): Leaf[] {
  const found: Leaf[] = [];
  for (const m of doc.matchAll(LEAF)) {
    const open = m[0].indexOf(">") + 1;
    found.push({ name: m[1], start: m.index + open, end: m.index + open + m[2].length });
  }
  return found;
}

/** Leaf values that read as integers or decimals (coordinates, times, counts, ids). */
export function numericLeaves(doc: string): Leaf[] {
  return leaves(doc).filter((leaf) => /^\s*(<!\[CDATA\[)?\s*-?\d+(\.\d+)?\s*(\]\]>)?\s*$/.test(doc.slice(leaf.start, leaf.end)));
}

/** The whole element that starts at `tag` (through its matching end tag), or undefined. */
export function elementEnd(doc: string, tag: Tag): number | undefined {
  if (tag.selfClosing) return tag.end;
  const open = new RegExp(`<${escape(tag.name)}[\\s/>]`, "g");
  const close = `</${tag.name}>`;
  let depth = 1;
  let pos = tag.end;
  for (;;) {
    const next = doc.indexOf(close, pos);
    if (next < 0) return undefined;
    open.lastIndex = pos;
    for (let m = open.exec(doc); m !== null && m.index < next; m = open.exec(doc)) depth++;
    depth--;
    pos = next + close.length;
    if (depth === 0) return pos;
  }
}

function escape(name: string): string {
  return name.replace(/[.\-\\^$*+?()[\]{}|]/g, "\\$&");
}

/** Positions between markup (just after a `>`): where an element can be inserted. */
export function gaps(doc: string): number[] {
  const out: number[] = [];
  for (let at = doc.indexOf(">"); at >= 0; at = doc.indexOf(">", at + 1)) out.push(at + 1);
  return out;
}

export function splice(doc: string, start: number, end: number, insert: string): string {
  return doc.slice(0, start) + insert + doc.slice(end);
}

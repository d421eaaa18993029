// The element tree parseMessage reads: one small fixed-shape object per element, children as a
// linked list, text and attributes kept as positions in the source and read only when asked.
// Webhook readers touch a fraction of what a body holds (never the `type=` attributes, rarely
// the `types` enum lists), so nothing is built for the rest.
import { ViewtronParseError } from "./errors";

/** A long text run left in the body's bytes (see body-text.ts), standing at `at` in the text. */
export interface Hole {
  /** Position in `XmlSource.text` where the run was cut out. */
  readonly at: number;
  readonly bytes: Buffer;
  /** The whole run: ASCII only, no `&`, `<` or `]`, some non-whitespace. */
  readonly start: number;
  readonly end: number;
}

export interface XmlSource {
  readonly text: string;
  readonly holes: readonly Hole[];
}

/** Bytes of a text that stayed in the body Buffer, whitespace trimmed. */
export interface ByteSpan {
  readonly bytes: Buffer;
  readonly start: number;
  readonly end: number;
}

/** How an element's first text run is stored (see `XmlEl.runStart`). */
export const enum Run {
  None,
  Text,
  /** Text with entity references, decoded on read. */
  Entities,
  Cdata,
  /** `runStart` is an index into `XmlSource.holes`. */
  Hole,
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function malformed(message: string, at: number): never {
  throw new ViewtronParseError("malformed-xml", `malformed XML: ${message} at offset ${at}`);
}

/** Decodes the five XML entities and character references; anything else is malformed. */
export function decodeEntities(raw: string, at: number): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;\s&<]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) malformed("unterminated entity reference", at);
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) malformed(`bad character reference &${name};`, at);
      return String.fromCodePoint(code);
    }
    // Own keys only: `&constructor;` or `&toString;` must not find Object's members.
    const value = Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : undefined;
    if (value === undefined) malformed(`undefined entity &${name};`, at);
    return value;
  });
}

/** What few elements need: mixed text, or a map of a long child list. */
export interface ElMore {
  /** All text runs joined (untrimmed), once an element has a second one. */
  joined?: string;
  /** Whitespace seen since the last text run. */
  gap: string;
  /** First child by name, built on a lookup that walked past INDEXED children. */
  index?: Map<string, XmlEl>;
}

/**
 * Fields are assigned in the constructor, the rare ones kept aside in `more`: every post builds
 * dozens of these, and a smaller object is less memory to fill and collect (pointers are 8 bytes).
 */
export class XmlEl {
  declare first: XmlEl | undefined;
  declare next: XmlEl | undefined;
  /** Source range of the attributes (`attrStart === attrEnd`: none); validated by the scanner. */
  declare attrEnd: number;
  /** The first non-whitespace text run; further runs go into `more.joined`. */
  declare runKind: Run;
  declare runStart: number;
  declare runEnd: number;
  declare more: ElMore | undefined;
  private declare value: string | undefined;

  constructor(readonly source: XmlSource, readonly name: string, readonly attrStart: number) {
    this.first = undefined;
    this.next = undefined;
    this.attrEnd = attrStart;
    this.runKind = Run.None;
    this.runStart = 0;
    this.runEnd = 0;
    this.more = undefined;
    this.value = undefined;
  }

  /** Text content: runs and CDATA joined, entities decoded, trimmed; "" when none. */
  get text(): string {
    if (this.value === undefined) {
      const joined = this.more?.joined;
      this.value = joined !== undefined
        ? joined.trim()
        : this.runKind === Run.Text
          ? trimmedSlice(this.source.text, this.runStart, this.runEnd)
          : runText(this, this.runKind, this.runStart, this.runEnd).trim();
    }
    return this.value;
  }

  /** The text as body bytes when it is one long run that never became a string. */
  get span(): ByteSpan | undefined {
    if (this.runKind !== Run.Hole || this.more?.joined !== undefined) return undefined;
    const { bytes, start, end } = this.source.holes[this.runStart];
    let s = start;
    let e = end;
    while (s < e && isSpace(bytes[s])) s++;
    while (e > s && isSpace(bytes[e - 1])) e--;
    return { bytes, start: s, end: e };
  }
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * `text.slice(start, end).trim()` for the usual value: XML whitespace is cut by index, and when
 * the ends are then printable ASCII (nothing else trim() would remove) the slice is the answer.
 */
function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  const plain = first > 32 && first < 127 && last > 32 && last < 127;
  return plain ? text.slice(start, end) : text.slice(start, end).trim();
}

/** One stored run as a string (untrimmed). */
export function runText(el: XmlEl, kind: Run, start: number, end: number): string {
  const { text, holes } = el.source;
  switch (kind) {
    case Run.None:
      return "";
    case Run.Text:
    case Run.Cdata:
      return text.slice(start, end);
    case Run.Entities:
      return decodeEntities(text.slice(start, end), start);
    case Run.Hole: {
      const hole = holes[start];
      return hole.bytes.toString("latin1", hole.start, hole.end);
    }
  }
}

// ---- reading the tree -------------------------------------------------------------------

/** A lookup that walks past this many children builds a map: real elements never need one, hostile ones stay linear. */
const INDEXED = 32;

/** The first child named `name`. */
export function child(parent: XmlEl | undefined, name: string): XmlEl | undefined {
  if (parent === undefined) return undefined;
  const index = parent.more?.index;
  if (index !== undefined) return index.get(name);
  let walked = 0;
  for (let c = parent.first; c !== undefined; c = c.next) {
    if (c.name === name) return c;
    if (++walked === INDEXED) return firstByName(parent).get(name);
  }
  return undefined;
}

function firstByName(parent: XmlEl): Map<string, XmlEl> {
  const index = new Map<string, XmlEl>();
  for (let c = parent.first; c !== undefined; c = c.next) if (!index.has(c.name)) index.set(c.name, c);
  (parent.more ??= { gap: "" }).index = index;
  return index;
}

/** The first child among up to four spellings (`deviceName`, `DeviceName`), in the order given. */
export function childOf(parent: XmlEl | undefined, a: string, b?: string, c?: string, d?: string): XmlEl | undefined {
  if (parent === undefined) return undefined;
  return child(parent, a) ?? (b === undefined ? undefined : child(parent, b) ?? (c === undefined ? undefined : child(parent, c) ?? (d === undefined ? undefined : child(parent, d))));
}

/** Walks a path of element names. */
export function at(parent: XmlEl | undefined, ...path: string[]): XmlEl | undefined {
  let node = parent;
  for (const name of path) node = child(node, name);
  return node;
}

/** Every `item` child of a list element, in order. */
export function items(list: XmlEl | undefined): XmlEl[] {
  const found: XmlEl[] = [];
  if (list !== undefined) for (let c = list.first; c !== undefined; c = c.next) if (c.name === "item") found.push(c);
  return found;
}

/** Children grouped by name, names in order of first appearance (the shape of a JSON object). */
export function groups(node: XmlEl): Map<string, XmlEl[]> {
  const byName = new Map<string, XmlEl[]>();
  for (let c = node.first; c !== undefined; c = c.next) {
    const list = byName.get(c.name);
    if (list === undefined) byName.set(c.name, [c]);
    else list.push(c);
  }
  return byName;
}

/** Trimmed text; undefined only when the element is missing. */
export function rawText(node: XmlEl | undefined): string | undefined {
  return node === undefined ? undefined : node.text;
}

/** The attribute's decoded value. */
export function attr(node: XmlEl | undefined, name: string): string | undefined {
  if (node === undefined) return undefined;
  const text = node.source.text;
  for (let pos = nextAttribute(text, node.attrStart); pos < node.attrEnd; ) {
    const after = text.charCodeAt(pos + name.length);
    const match = (after === 61 /* = */ || isSpace(after)) && sameChars(text, pos, name);
    const start = valueStart(text, pos);
    const end = text.indexOf(text.charCodeAt(start - 1) === 34 ? '"' : "'", start);
    if (match) return decodeEntities(text.slice(start, end), start - 1);
    pos = nextAttribute(text, end + 1);
  }
  return undefined;
}

function sameChars(text: string, pos: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(pos + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** Every attribute as [name, decoded value], in source order. */
export function attributes(node: XmlEl): Array<[string, string]> {
  const list: Array<[string, string]> = [];
  const text = node.source.text;
  for (let pos = nextAttribute(text, node.attrStart); pos < node.attrEnd; ) {
    const [start, end] = attributeValue(text, pos);
    let nameEnd = pos;
    while (text.charCodeAt(nameEnd) !== 61 /* = */ && !isSpace(text.charCodeAt(nameEnd))) nameEnd++;
    list.push([text.slice(pos, nameEnd), decodeEntities(text.slice(start, end), start - 1)]);
    pos = nextAttribute(text, end + 1);
  }
  return list;
}

// Attribute text the scanner has already checked: `name = "value"` pairs separated by whitespace.

function nextAttribute(text: string, pos: number): number {
  while (isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Where the quoted value of the attribute whose name starts at `pos` begins (after its quote). */
function valueStart(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  while (c !== 34 /* " */ && c !== 39 /* ' */) c = text.charCodeAt(++pos);
  return pos + 1;
}

/** [start, end) of the quoted value of the attribute whose name starts at `pos`. */
function attributeValue(text: string, pos: number): [number, number] {
  const start = valueStart(text, pos);
  return [start, text.indexOf(text.charCodeAt(start - 1) === 34 ? '"' : "'", start)];
}

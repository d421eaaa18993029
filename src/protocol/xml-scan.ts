// A small, strict XML scanner for webhook bodies: one pass, native indexOf hops between
// markup, so a 600 KB base64 text node costs a substring, not a character walk.
// Output has the element-tree shape fast-xml-parser gives with our settings (see xml.ts):
// text-only elements are strings, others objects with children, `@_attr` and `#text`;
// `item` and `enum` are always arrays; repeated siblings become arrays.
import { ViewtronParseError } from "./errors";
import type { XmlElement, XmlNode } from "./xml";

/** Real documents nest about 8 deep; the limit bounds work on hostile input. */
export const MAX_DEPTH = 64;

const ALWAYS_ARRAY = new Set(["item", "enum"]);
// Names that would reach Object.prototype through a plain object.
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

interface Frame {
  name: string;
  node: XmlElement;
  text: string;
  hasChildren: boolean;
  hasAttributes: boolean;
}

function fail(message: string, at: number): never {
  throw new ViewtronParseError("malformed-xml", `malformed XML: ${message} at offset ${at}`);
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Decodes the five XML entities and character references; anything else is malformed. */
function decode(raw: string, at: number): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;\s&<]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) fail("unterminated entity reference", at);
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isInteger(code) || code < 1 || code > 0x10ffff) fail(`bad character reference &${name};`, at);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[name];
    if (value === undefined) fail(`undefined entity &${name};`, at);
    return value;
  });
}

function addChild(parent: Frame, name: string, value: XmlNode): void {
  parent.hasChildren = true;
  const node = parent.node;
  if (!Object.prototype.hasOwnProperty.call(node, name)) {
    node[name] = ALWAYS_ARRAY.has(name) ? [value] : value;
    return;
  }
  const existing = node[name];
  if (Array.isArray(existing)) existing.push(value);
  else node[name] = [existing, value];
}

/** Finishes an element: strings for text-only elements, objects otherwise. */
function close(frame: Frame): XmlNode {
  const text = frame.text.trim();
  if (!frame.hasChildren && !frame.hasAttributes) return text;
  if (text) frame.node["#text"] = text;
  return frame.node;
}

/** Reads `name="value"` pairs from `pos` up to `>` or `/>`; returns the index of that end. */
function readAttributes(text: string, pos: number, frame: Frame): number {
  const n = text.length;
  for (;;) {
    let c = text.charCodeAt(pos);
    let spaced = false;
    while (isSpace(c)) {
      c = text.charCodeAt(++pos);
      spaced = true;
    }
    if (c === 62 /* > */ || (c === 47 /* / */ && text.charCodeAt(pos + 1) === 62)) return pos;
    if (pos >= n) fail("unterminated start tag", pos);
    if (!spaced || !isNameStart(c)) fail("bad attribute", pos);
    const start = pos;
    while (isNameChar(text.charCodeAt(pos))) pos++;
    const name = text.slice(start, pos);
    while (isSpace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) !== 61 /* = */) fail(`attribute ${name} without value`, pos);
    pos++;
    while (isSpace(text.charCodeAt(pos))) pos++;
    const quote = text[pos];
    if (quote !== '"' && quote !== "'") fail(`unquoted attribute ${name}`, pos);
    const end = text.indexOf(quote, pos + 1);
    if (end < 0) fail("unterminated attribute value", pos);
    const raw = text.slice(pos + 1, end);
    if (raw.includes("<")) fail("'<' in attribute value", pos);
    if (FORBIDDEN.has(name)) throw new ViewtronParseError("forbidden-name", `XML uses a reserved name "${name}"`);
    const key = `@_${name}`;
    if (Object.prototype.hasOwnProperty.call(frame.node, key)) fail(`repeated attribute ${name}`, pos);
    frame.node[key] = decode(raw, pos);
    frame.hasAttributes = true;
    pos = end + 1;
  }
}

/** Skips `<!-- -->`, `<?...?>` and CDATA-free markup outside text; returns the index after it. */
function skipMarkup(text: string, pos: number): number {
  if (text.startsWith("<!--", pos)) {
    const end = text.indexOf("-->", pos + 4);
    if (end < 0) fail("unterminated comment", pos);
    return end + 3;
  }
  if (text.startsWith("<?", pos)) {
    const end = text.indexOf("?>", pos + 2);
    if (end < 0) fail("unterminated processing instruction", pos);
    return end + 2;
  }
  return -1;
}

export function scanXml(text: string): { rootName: string; root: XmlElement } {
  const n = text.length;
  const stack: Frame[] = [];
  let rootName: string | undefined;
  let root: XmlNode | undefined;
  let pos = 0;

  while (pos < n) {
    const lt = text.indexOf("<", pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos) {
      const run = text.slice(pos, textEnd);
      const frame = stack[stack.length - 1];
      if (frame) frame.text += decode(run, pos);
      else if (run.trim()) fail("text outside the root element", pos);
    }
    if (lt < 0) break;
    pos = lt;
    const next = text.charCodeAt(pos + 1);

    if (next === 33 /* ! */ || next === 63 /* ? */) {
      if (text.startsWith("<![CDATA[", pos)) {
        const frame = stack[stack.length - 1];
        if (!frame) fail("CDATA outside the root element", pos);
        const end = text.indexOf("]]>", pos + 9);
        if (end < 0) fail("unterminated CDATA section", pos);
        frame.text += text.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      const after = skipMarkup(text, pos);
      if (after < 0) fail("unsupported declaration", pos);
      pos = after;
      continue;
    }

    if (next === 47 /* / */) {
      const end = text.indexOf(">", pos + 2);
      if (end < 0) fail("unterminated end tag", pos);
      const name = text.slice(pos + 2, end).trim();
      const frame = stack.pop();
      if (!frame || frame.name !== name) fail(`unexpected </${name}>`, pos);
      const value = close(frame);
      const parent = stack[stack.length - 1];
      if (parent) addChild(parent, name, value);
      else root = value;
      pos = end + 1;
      continue;
    }

    // Start tag.
    if (!isNameStart(next)) fail("bad tag", pos);
    if (root !== undefined) fail("content after the root element", pos);
    let p = pos + 1;
    while (isNameChar(text.charCodeAt(p))) p++;
    const name = text.slice(pos + 1, p);
    if (FORBIDDEN.has(name)) throw new ViewtronParseError("forbidden-name", `XML uses a reserved name "${name}"`);
    if (stack.length >= MAX_DEPTH) throw new ViewtronParseError("too-deep", "XML nested too deeply");
    const frame: Frame = { name, node: {}, text: "", hasChildren: false, hasAttributes: false };
    p = readAttributes(text, p, frame);
    if (text.charCodeAt(p) === 47 /* self-closing */) {
      const value = close(frame);
      const parent = stack[stack.length - 1];
      if (parent) addChild(parent, name, value);
      else root = value;
      if (rootName === undefined) rootName = name;
      pos = p + 2;
      continue;
    }
    if (rootName === undefined) rootName = name;
    stack.push(frame);
    pos = p + 1;
  }

  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1].name}>`, n);
  if (rootName === undefined || root === undefined) throw new ViewtronParseError("not-xml", "no root element");
  return { rootName, root: typeof root === "string" ? { "#text": root } : root };
}

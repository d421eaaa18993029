// XML text -> a plain element tree, with the safety checks the wire format needs.
// Large text runs (base64 images, hostile megabyte nodes) are cut out before the XML parser
// sees the document, so neither the validator nor the parser walks them.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ViewtronParseError } from "./errors";

/** A parsed element: child elements by name, `#text`, and attributes as `@_name`. */
export interface XmlElement {
  [name: string]: XmlNode | XmlNode[];
}
/** Text-only elements become strings; elements with children or attributes become objects. */
export type XmlNode = string | XmlElement;

export interface XmlDocument {
  rootName: string;
  root: XmlElement;
  /** Text runs cut out before parsing, by token index. */
  blobs: string[];
}

/** Text runs at least this long are lifted out before parsing (real images are 1 KB and up). */
const BLOB_MIN_CHARS = 512;
const BLOB_TOKEN = /^#blob:(\d+)#$/;
// Real documents nest about 8 deep; 64 leaves room while bounding recursion.
const MAX_DEPTH = 64;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Identifiers stay strings: plate "0123456", 20-digit times, MACs.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only the five XML entities; DOCTYPEs are refused before this point.
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  isArray: (name: string, _jpath: unknown, _leaf: boolean, isAttribute: boolean) =>
    !isAttribute && (name === "item" || name === "enum"),
});

/** Body bytes -> text: UTF-8, BOM removed. */
export function bodyText(body: string | Buffer): string {
  const text = typeof body === "string" ? body : body.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for a body with nothing but whitespace: the IPC's heartbeat. */
export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

export function parseXml(text: string): XmlDocument {
  if (DECLARATION.test(text)) {
    throw new ViewtronParseError("doctype", "DOCTYPE/ENTITY declarations are not accepted");
  }
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== "<") {
    throw new ViewtronParseError("not-xml", "body is not XML");
  }
  const blobs: string[] = [];
  const reduced = liftBlobs(text, blobs);
  const valid = XMLValidator.validate(reduced);
  if (valid !== true) {
    throw new ViewtronParseError("malformed-xml", `malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  let tree: XmlElement;
  try {
    tree = parser.parse(reduced) as XmlElement;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/nested/i.test(message)) throw new ViewtronParseError("too-deep", "XML nested too deeply");
    if (/reserved|prototype/i.test(message)) {
      throw new ViewtronParseError("forbidden-name", "XML uses a reserved element name");
    }
    throw new ViewtronParseError("malformed-xml", `malformed XML: ${message}`);
  }
  const names = Object.keys(tree).filter((k) => !k.startsWith("@_") && k !== "#text");
  if (names.length !== 1) throw new ViewtronParseError("not-xml", "no root element");
  const rootName = names[0];
  const rootValue = tree[rootName];
  const root: XmlElement = typeof rootValue === "string" ? { "#text": rootValue } : (rootValue as XmlElement);
  return { rootName, root, blobs };
}

/**
 * Copies `text` with every long text run (plain or CDATA) replaced by `#blob:N#`, the run
 * stored in `blobs[N]` (CDATA markers kept). One pass of native indexOf hops, tag to tag.
 */
function liftBlobs(text: string, blobs: string[]): string {
  let out = "";
  let copied = 0;
  let pos = text.indexOf(">");
  while (pos >= 0 && pos < text.length - 1) {
    const from = pos + 1;
    let end: number;
    if (text.startsWith("<![CDATA[", from)) {
      const close = text.indexOf("]]>", from + 9);
      if (close < 0) break;
      end = close + 3;
    } else {
      end = text.indexOf("<", from);
      if (end < 0) break;
    }
    if (end - from >= BLOB_MIN_CHARS && text.startsWith("</", end)) {
      out += text.slice(copied, from) + `#blob:${blobs.length}#`;
      blobs.push(text.slice(from, end));
      copied = end;
    }
    pos = text.indexOf(">", end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// ---- reading the tree -------------------------------------------------------------------

export function isElement(node: XmlNode | XmlNode[] | undefined): node is XmlElement {
  return typeof node === "object" && node !== null && !Array.isArray(node);
}

/** The first child named `name` (the first of repeated siblings). */
export function child(parent: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!isElement(parent)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(parent, name)) return undefined;
  const value = parent[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The first child among several spellings (`DeviceName`, `deviceName`). */
export function childOf(parent: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  for (const name of names) {
    const found = child(parent, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Walks a path of element names. */
export function at(parent: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let node = parent;
  for (const name of path) node = child(node, name);
  return node;
}

/** Every `item` child of a list element, in order. */
export function items(list: XmlNode | undefined): XmlElement[] {
  if (!isElement(list)) return [];
  const value = Object.prototype.hasOwnProperty.call(list, "item") ? list.item : undefined;
  const all = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return all.map((node) => (typeof node === "string" ? { "#text": node } : node));
}

/** Child element names (attributes and text excluded), in document order. */
export function childNames(node: XmlNode | undefined): string[] {
  return isElement(node) ? Object.keys(node).filter((k) => !k.startsWith("@_") && k !== "#text") : [];
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}

/** Raw text of an element with CDATA markers removed and whitespace trimmed ("" when empty). */
export function rawText(node: XmlNode | undefined, blobs: string[]): string | undefined {
  if (node === undefined) return undefined;
  let value: string;
  if (typeof node === "string") value = node;
  else {
    const t = node["#text"];
    value = typeof t === "string" ? t : Array.isArray(t) ? t.filter((x) => typeof x === "string").join("") : "";
  }
  const token = BLOB_TOKEN.exec(value);
  if (token) value = blobs[Number(token[1])] ?? "";
  return stripCdata(value).trim();
}

/** Removes CDATA markers that survive in lifted blobs. */
export function stripCdata(value: string): string {
  if (!value.includes("<![CDATA[")) return value;
  return value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1");
}

// XML text -> a plain element tree, with the safety checks the wire format needs.
// The scanner (xml-scan.ts) hops between markup with indexOf, so base64 images and hostile
// megabyte text nodes cost a substring each, never a character-by-character walk.
import { ViewtronParseError } from "./errors";
import { scanXml } from "./xml-scan";

/** A parsed element: child elements by name, `#text`, and attributes as `@_name`. */
export interface XmlElement {
  [name: string]: XmlNode | XmlNode[];
}
/** Text-only elements become strings; elements with children or attributes become objects. */
export type XmlNode = string | XmlElement;

export interface XmlDocument {
  rootName: string;
  root: XmlElement;
}

/** Body bytes -> text: UTF-8, BOM removed. */
export function bodyText(body: string | Buffer): string {
  const text = typeof body === "string" ? body : body.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for a body with nothing but whitespace: the IPC's heartbeat. */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/** `<!DOCTYPE` / `<!ENTITY` anywhere, found by hopping between `<!` markers (no full regex scan). */
function hasDeclaration(text: string): boolean {
  for (let at = text.indexOf("<!"); at >= 0; at = text.indexOf("<!", at + 2)) {
    if (/^<!\s*(DOCTYPE|ENTITY)/i.test(text.slice(at, at + 20))) return true;
  }
  return false;
}

export function parseXml(text: string): XmlDocument {
  // Devices never send declarations; entity expansion is a classic denial of service.
  if (hasDeclaration(text)) {
    throw new ViewtronParseError("doctype", "DOCTYPE/ENTITY declarations are not accepted");
  }
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== "<") {
    throw new ViewtronParseError("not-xml", "body is not XML");
  }
  return scanXml(text);
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

/** Text of an element (CDATA merged, trimmed by the scanner); "" for an empty element. */
export function rawText(node: XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === "string") return node;
  const t = node["#text"];
  return typeof t === "string" ? t : "";
}

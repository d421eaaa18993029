// XML text -> a plain element tree, with the safety checks the wire format needs.
// The scanner (xml-scan.ts) hops between markup with indexOf, so base64 images and hostile
// megabyte text nodes cost a substring each, never a character-by-character walk.
// parseMessage reads the lazy element tree of xml-el.ts instead (`readDocument`); the plain tree
// here serves the camera API code.
import { ViewtronParseError } from "./errors";
import { bodyText, holedSource } from "./body-text";
import type { XmlEl } from "./xml-el";
import { scanElements, scanXml } from "./xml-scan";

export { bodyText };

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

/** True for a body with nothing but whitespace: the IPC's heartbeat. */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

/** `<!DOCTYPE` / `<!ENTITY` anywhere, found by hopping between `<!` markers (no full regex scan). */
function hasDeclaration(text: string): boolean {
  // Hops on `!` (a one-character search is the fastest), then looks back for the `<`.
  for (let at = text.indexOf("!"); at >= 0; at = text.indexOf("!", at + 1)) {
    if (text.charCodeAt(at - 1) !== 60 /* < */) continue;
    const next = text.charCodeAt(at + 1);
    if (next === 91 /* [ of CDATA */ || next === 45 /* - of a comment */) continue;
    if (/^<!\s*(DOCTYPE|ENTITY)/i.test(text.slice(at - 1, at + 19))) return true;
  }
  return false;
}

/** Refusals before any scanning. */
function checkText(text: string): void {
  // Devices never send declarations; entity expansion is a classic denial of service.
  if (hasDeclaration(text)) {
    throw new ViewtronParseError("doctype", "DOCTYPE/ENTITY declarations are not accepted");
  }
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== "<") {
    throw new ViewtronParseError("not-xml", "body is not XML");
  }
}

export function parseXml(text: string): XmlDocument {
  checkText(text);
  return scanXml(text);
}

/** A webhook body as the lazy element tree; undefined for a blank body (a heartbeat). */
export function readDocument(body: string | Buffer): XmlEl | undefined {
  const holed = typeof body === "string" ? undefined : holedSource(body);
  if (holed !== undefined) {
    try {
      checkText(holed.text); // holes never hold `<`, so they cannot hide or fake a declaration
      return scanElements(holed);
    } catch {
      // A hole that is no element text, or a broken body: the whole text gives the exact verdict.
    }
  }
  const text = bodyText(body);
  if (isBlank(text)) return undefined;
  checkText(text);
  return scanElements({ text, holes: [] });
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

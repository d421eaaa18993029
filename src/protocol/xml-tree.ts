// The lazy element tree (xml-el.ts) as the plain object tree fast-xml-parser gives with our
// settings: text-only elements are strings, others objects with children, `@_attr` and `#text`;
// `item` and `enum` are always arrays; repeated siblings become arrays.
import type { XmlElement, XmlNode } from "./xml";
import { attributes, type XmlEl } from "./xml-el";

const ALWAYS_ARRAY = new Set(["item", "enum"]);

export function toTree(el: XmlEl): XmlNode {
  const attrs = attributes(el);
  const text = el.text;
  if (el.first === undefined && attrs.length === 0) return text;
  // The scanner refuses names that would reach Object.prototype, so plain objects are safe here.
  const node: XmlElement = {};
  for (const [name, value] of attrs) node[`@_${name}`] = value;
  for (let c = el.first; c !== undefined; c = c.next) {
    const value = toTree(c);
    const existing = Object.prototype.hasOwnProperty.call(node, c.name) ? node[c.name] : undefined;
    if (existing === undefined) node[c.name] = ALWAYS_ARRAY.has(c.name) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else node[c.name] = [existing, value];
  }
  if (text) node["#text"] = text;
  return node;
}

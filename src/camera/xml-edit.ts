// Small in-place edits on a cloned element tree, keeping attributes (`type="boolean"`) and the
// element order the camera used.
import { child, isElement, type XmlElement, type XmlNode } from "../protocol/xml";

/** Sets the text of child `name`, creating it (at the end) when missing. */
export function setText(parent: XmlElement, name: string, value: string): void {
  const existing = parent[name];
  const node = Array.isArray(existing) ? existing[0] : existing;
  if (isElement(node)) {
    for (const key of Object.keys(node)) if (!key.startsWith("@_")) delete node[key];
    node["#text"] = value;
  } else {
    parent[name] = value;
  }
}

/** The child element `name` as an editable object, created when missing or text-only. */
export function ensureElement(parent: XmlElement, name: string): XmlElement {
  const node = child(parent, name);
  if (isElement(node)) return node;
  const created: XmlElement = {};
  parent[name] = created;
  return created;
}

/** Replaces the items of list `name`; keeps its attributes and `itemType`, updates `count`. */
export function setList(parent: XmlElement, name: string, values: readonly string[]): void {
  const list = ensureElement(parent, name);
  if (list["@_type"] === undefined) list["@_type"] = "list";
  list["@_count"] = String(values.length);
  delete list["#text"];
  list.item = values.map((v): XmlNode => v);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

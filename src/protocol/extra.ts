// Everything the camera sent that has no field of its own, as plain JSON under `payload.extra`.
import { attributes, groups, type XmlEl } from "./xml-el";
import type { Extra } from "./types";

// Type annotations (`type="uint32"`) and the namespace are format noise, not data.
const NOISE_ATTRIBUTES = new Set(["type", "xmlns"]);
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const ALWAYS_ARRAY = new Set(["item", "enum"]);

/** Elements of one name: a list for repeated names and list items, else the one value. */
function plainGroup(name: string, nodes: XmlEl[]): unknown {
  return nodes.length > 1 || ALWAYS_ARRAY.has(name) ? nodes.map(toPlain) : toPlain(nodes[0]);
}

/** One element as JSON: text-only -> string; otherwise children, `@attr` and `#text`. */
export function toPlain(node: XmlEl): unknown {
  if (node.first === undefined && node.attrStart === node.attrEnd) return node.text; // the usual leaf
  const attrs = attributes(node).filter(([name]) => !NOISE_ATTRIBUTES.has(name));
  const text = node.text;
  if (node.first === undefined && attrs.length === 0) return text;
  const out: Extra = {};
  for (const [name, value] of attrs) if (!UNSAFE_KEYS.has(name)) out[`@${name}`] = value;
  if (text && node.first !== undefined) out["#text"] = text;
  else if (text) out.value = text;
  for (const [name, nodes] of groups(node)) if (!UNSAFE_KEYS.has(name)) out[name] = plainGroup(name, nodes);
  return out;
}

/** The root's children not in `consumed`, or undefined when nothing is left. */
export function leftovers(root: XmlEl, consumed: ReadonlySet<string>): Extra | undefined {
  let extra: Extra | undefined;
  let left: XmlEl[] | undefined;
  for (let c = root.first; c !== undefined; c = c.next) {
    if (!consumed.has(c.name) && !UNSAFE_KEYS.has(c.name)) (left ??= []).push(c);
  }
  if (left === undefined) return undefined;
  // Grouping runs only over what is left: usually nothing, or a stray element or two.
  const byName = new Map<string, XmlEl[]>();
  for (const c of left) {
    const list = byName.get(c.name);
    if (list === undefined) byName.set(c.name, [c]);
    else list.push(c);
  }
  for (const [name, nodes] of byName) (extra ??= {})[name] = plainGroup(name, nodes);
  return extra;
}

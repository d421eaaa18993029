// Everything the camera sent that has no field of its own, as plain JSON under `payload.extra`.
import { attributes, groups, type XmlEl } from "./xml-el";
import type { Extra } from "./types";

// Type annotations (`type="uint32"`) and the namespace are format noise, not data.
const NOISE_ATTRIBUTES = new Set(["type", "xmlns"]);
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const ALWAYS_ARRAY = new Set(["item", "enum"]);

/** The scanner refuses these names already; checked again here, cheaply by length first. */
function unsafe(name: string): boolean {
  return (name.length === 9 || name.length === 11) && UNSAFE_KEYS.has(name);
}

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
  for (const [name, value] of attrs) if (!unsafe(name)) out[`@${name}`] = value;
  if (text && node.first !== undefined) out["#text"] = text;
  else if (text) out.value = text;
  for (const [name, nodes] of groups(node)) if (!unsafe(name)) out[name] = plainGroup(name, nodes);
  return out;
}

/** The root's children not in `consumed`, or undefined when nothing is left. */
export function leftovers(root: XmlEl, consumed: ReadonlySet<string>): Extra | undefined {
  let extra: Extra | undefined;
  let left: XmlEl[] | undefined;
  for (let c = root.first; c !== undefined; c = c.next) {
    if (!consumed.has(c.name) && !unsafe(c.name)) (left ??= []).push(c);
  }
  if (left === undefined) return undefined;
  if (left.length === 1) return { [left[0].name]: plainGroup(left[0].name, left) }; // the usual stray element
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

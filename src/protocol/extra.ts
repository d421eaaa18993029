// Everything the camera sent that has no field of its own, as plain JSON under `payload.extra`.
import { childNames, isElement, rawText, type XmlNode } from "./xml";
import type { Extra } from "./types";

// Type annotations (`type="uint32"`) and the namespace are format noise, not data.
const NOISE_ATTRIBUTES = new Set(["@_type", "@_xmlns"]);
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** One element as JSON: text-only -> string; otherwise children, `@attr` and `#text`. */
export function toPlain(node: XmlNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (!isElement(node)) return rawText(node) ?? "";
  const attributes = Object.keys(node).filter((k) => k.startsWith("@_") && !NOISE_ATTRIBUTES.has(k));
  const names = childNames(node);
  const text = rawText(node) ?? "";
  if (names.length === 0 && attributes.length === 0) return text;
  const out: Extra = {};
  for (const key of attributes) {
    const name = key.slice(2);
    if (!UNSAFE_KEYS.has(name)) out[`@${name}`] = node[key];
  }
  if (text && names.length > 0) out["#text"] = text;
  else if (text) out.value = text;
  for (const name of names) {
    if (UNSAFE_KEYS.has(name)) continue;
    const value = node[name];
    out[name] = Array.isArray(value) ? value.map((v) => toPlain(v)) : toPlain(value);
  }
  return out;
}

/** The root's children not in `consumed`, or undefined when nothing is left. */
export function leftovers(root: XmlNode, consumed: ReadonlySet<string>): Extra | undefined {
  let extra: Extra | undefined;
  for (const name of childNames(root)) {
    if (consumed.has(name) || UNSAFE_KEYS.has(name) || !isElement(root)) continue;
    const value = root[name];
    extra ??= {};
    extra[name] = Array.isArray(value) ? value.map((v) => toPlain(v)) : toPlain(value);
  }
  return extra;
}

// Traject tracking posts (IPC only): target positions, ~7 posts/s per target.
import { child, items, type XmlEl } from "./xml-el";
import { strOf, rect } from "./read";
import { targetTypeOf } from "./categories";
import type { Target } from "./types";

export function readTraject(list: XmlEl | undefined): Target[] {
  const targets: Target[] = [];
  for (const item of items(list)) {
    const id = strOf(item, "targetId");
    if (id === undefined) continue;
    const rawType = strOf(item, "targetType");
    const target: Target = { id, type: rawType ? targetTypeOf(rawType) : "other" };
    if (rawType) target.rawType = rawType;
    const r = rect(child(item, "rect"), "normalized");
    if (r) target.rect = r;
    targets.push(target);
  }
  return targets;
}

// Typed readers over the element tree: strings, numbers, points, rects, images.
import { rawText as treeText, type XmlNode } from "./xml";
import { rawText, child, childOf, attr, items, XmlEl } from "./xml-el";
import { decodeJpeg, looksLikeJpegBase64, base64Bytes, spanJpeg, spanLooksLikeJpeg, spanBase64Bytes } from "./images";
import type { Point, Rect, Region, Line } from "./types";

/** What one parse needs to know, passed down instead of module state. */
export interface Ctx {
  images: boolean;
  receivedAt: number;
}

/**
 * Trimmed text without CDATA markers; undefined when missing or empty. Also reads the plain
 * tree (xml.ts) the camera API code uses.
 */
export function str(node: XmlEl | XmlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const value = node instanceof XmlEl ? node.text : treeText(node);
  return value ? value : undefined;
}

/** The text of the first child found among up to four spellings (fixed arity: no array per call). */
export function strOf(parent: XmlEl | undefined, a: string, b?: string, c?: string, d?: string): string | undefined {
  return str(childOf(parent, a, b, c, d));
}

/** Decimal text (`-12`, `3.5`) -> number; anything else (`1e5`, `0x10`, `...`, ` 1`) -> undefined. */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const intStart = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  let i = skipDigits(text, intStart);
  if (i === intStart) return undefined;
  if (i === text.length && i - intStart <= 15) {
    // A short integer (nearly every value): summed here, exact below 2^53, no string conversion.
    let value = 0;
    for (let k = intStart; k < i; k++) value = value * 10 + text.charCodeAt(k) - 48;
    return intStart === 1 ? -value : value;
  }
  if (i < text.length) {
    if (text.charCodeAt(i) !== 46 /* . */) return undefined;
    const fractionStart = i + 1;
    i = skipDigits(text, fractionStart);
    if (i === fractionStart || i < text.length) return undefined;
  }
  const value = Number(text);
  // Over ~309 digits a decimal overflows to Infinity, which JSON turns into null: not sent, then.
  return Number.isFinite(value) ? value : undefined;
}

function skipDigits(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i));
  return i;
}

export function numOf(parent: XmlEl | undefined, a: string, b?: string, c?: string, d?: string): number | undefined {
  return toNumber(str(childOf(parent, a, b, c, d)));
}

/** Values IPC plate posts keep in a `count` attribute (`<PlateConfidence count="9900"/>`). */
export function countAttr(parent: XmlEl | undefined, name: string): number | undefined {
  return toNumber(attr(child(parent, name), "count"));
}

export function point(node: XmlEl | undefined): Point | undefined {
  const x = numOf(node, "x", "X");
  const y = numOf(node, "y", "Y");
  return x === undefined || y === undefined ? undefined : { x, y };
}

/** A rect, or undefined when missing, textual (`...`), all zero or of zero area. */
export function rect(node: XmlEl | undefined, units: Rect["units"]): Rect | undefined {
  const x1 = numOf(node, "x1");
  const y1 = numOf(node, "y1");
  const x2 = numOf(node, "x2");
  const y2 = numOf(node, "y2");
  if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return undefined;
  if (x2 <= x1 || y2 <= y1) return undefined;
  return { x1, y1, x2, y2, units };
}

/** A rect spanned by the IPC plate corners `leftTop` / `rightBottom` (0..10000). */
export function cornerRect(item: XmlEl): Rect | undefined {
  const lt = point(child(item, "leftTop"));
  const rb = point(child(item, "rightBottom"));
  if (!lt || !rb || rb.x <= lt.x || rb.y <= lt.y) return undefined;
  return { x1: lt.x, y1: lt.y, x2: rb.x, y2: rb.y, units: "normalized" };
}

/** IPC `boundary` (item/point) or NVR `pointGroup` (item/x,y) polygon. */
export function polygon(list: XmlEl | undefined): Point[] {
  const points: Point[] = [];
  for (const item of items(list)) {
    const p = point(child(item, "point") ?? item);
    if (p) points.push(p);
  }
  return points;
}

export function region(points: Point[], id?: string): Region | undefined {
  if (points.length === 0) return undefined;
  return id === undefined ? { points } : { id, points };
}

/** A line from a container holding `startPoint` and `endPoint`. */
export function line(container: XmlEl | undefined, id?: string): Line | undefined {
  const start = point(child(container, "startPoint"));
  const end = point(child(container, "endPoint"));
  if (!start || !end) return undefined;
  return id === undefined ? { start, end } : { id, start, end };
}

export interface ImageRead {
  bytes?: Buffer;
  /** A real JPEG was sent (decoded or not). */
  present: boolean;
  size?: number;
  width?: number;
  height?: number;
}

/**
 * Reads an image block (`sourceDataInfo` or `targetImageData`): dimensions always, bytes only
 * when images are wanted and the text really is a JPEG.
 */
export function image(ctx: Ctx, block: XmlEl | undefined): ImageRead | undefined {
  if (block === undefined) return undefined;
  const width = numOf(block, "width", "Width");
  const height = numOf(block, "height", "Height");
  // The LPR overview sits in a list item's targetImageData, so either data name may hold it.
  const data = childOf(block, "sourceBase64Data", "targetBase64Data");
  const read: ImageRead = { present: false };
  if (width) read.width = width;
  if (height) read.height = height;
  // Long base64 usually never became a string (body-text.ts): decode it from the body bytes.
  const span = data?.span;
  const raw = span === undefined ? rawText(data) ?? "" : "";
  if (ctx.images) {
    const bytes = span === undefined ? decodeJpeg(raw) : spanJpeg(span);
    if (bytes) Object.assign(read, { bytes, present: true, size: bytes.length });
  } else if (span === undefined ? looksLikeJpegBase64(raw) : spanLooksLikeJpeg(span)) {
    Object.assign(read, { present: true, size: span === undefined ? base64Bytes(raw) : spanBase64Bytes(span) });
  }
  return read;
}

// Typed readers over the element tree: strings, numbers, points, rects, images.
import { rawText, child, childOf, attr, items, type XmlNode } from "./xml";
import { decodeJpeg, looksLikeJpegBase64, base64Bytes } from "./images";
import type { Point, Rect, Region, Line } from "./types";

/** What one parse needs to know, passed down instead of module state. */
export interface Ctx {
  images: boolean;
  receivedAt: number;
}

/** Trimmed text without CDATA markers; undefined when missing or empty. */
export function str(node: XmlNode | undefined): string | undefined {
  const value = rawText(node);
  return value ? value : undefined;
}

export function strOf(parent: XmlNode | undefined, ...names: string[]): string | undefined {
  return str(childOf(parent, ...names));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined || !NUMBER.test(text)) return undefined;
  const value = Number(text);
  // Over ~309 digits a decimal overflows to Infinity, which JSON turns into null: not sent, then.
  return Number.isFinite(value) ? value : undefined;
}

export function numOf(parent: XmlNode | undefined, ...names: string[]): number | undefined {
  return toNumber(strOf(parent, ...names));
}

/** Values IPC plate posts keep in a `count` attribute (`<PlateConfidence count="9900"/>`). */
export function countAttr(parent: XmlNode | undefined, name: string): number | undefined {
  return toNumber(attr(child(parent, name), "count"));
}

export function point(node: XmlNode | undefined): Point | undefined {
  const x = numOf(node, "x", "X");
  const y = numOf(node, "y", "Y");
  return x === undefined || y === undefined ? undefined : { x, y };
}

/** A rect, or undefined when missing, textual (`...`), all zero or of zero area. */
export function rect(node: XmlNode | undefined, units: Rect["units"]): Rect | undefined {
  const x1 = numOf(node, "x1");
  const y1 = numOf(node, "y1");
  const x2 = numOf(node, "x2");
  const y2 = numOf(node, "y2");
  if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return undefined;
  if (x2 <= x1 || y2 <= y1) return undefined;
  return { x1, y1, x2, y2, units };
}

/** A rect spanned by the IPC plate corners `leftTop` / `rightBottom` (0..10000). */
export function cornerRect(item: XmlNode): Rect | undefined {
  const lt = point(child(item, "leftTop"));
  const rb = point(child(item, "rightBottom"));
  if (!lt || !rb || rb.x <= lt.x || rb.y <= lt.y) return undefined;
  return { x1: lt.x, y1: lt.y, x2: rb.x, y2: rb.y, units: "normalized" };
}

/** IPC `boundary` (item/point) or NVR `pointGroup` (item/x,y) polygon. */
export function polygon(list: XmlNode | undefined): Point[] {
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
export function line(container: XmlNode | undefined, id?: string): Line | undefined {
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
export function image(ctx: Ctx, block: XmlNode | undefined): ImageRead | undefined {
  if (block === undefined) return undefined;
  const width = numOf(block, "width", "Width");
  const height = numOf(block, "height", "Height");
  // The LPR overview sits in a list item's targetImageData, so either data name may hold it.
  const raw = rawText(childOf(block, "sourceBase64Data", "targetBase64Data")) ?? "";
  const read: ImageRead = { present: false };
  if (width) read.width = width;
  if (height) read.height = height;
  if (ctx.images) {
    const bytes = decodeJpeg(raw);
    if (bytes) Object.assign(read, { bytes, present: true, size: bytes.length });
  } else if (looksLikeJpegBase64(raw)) {
    Object.assign(read, { present: true, size: base64Bytes(raw) });
  }
  return read;
}

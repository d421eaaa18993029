// Pieces shared by the IPC and NVR event layouts.
import type { XmlEl } from "./xml-el";
import { image, strOf, type Ctx, type ImageRead } from "./read";
import type { EventPayload, Vehicle } from "./types";

/** The layout-specific part of an event payload, before envelope fields are added. */
export type EventBody = Pick<
  EventPayload,
  "eventId" | "status" | "targets" | "plate" | "vehicle" | "face" | "count" | "region" | "line" | "images" | "imageInfo"
> & {
  /** Layout details that go into `payload.extra`. */
  extraParts?: Record<string, unknown>;
};

export interface ImageCandidates {
  /** Overview blocks (`sourceDataInfo`), first real JPEG wins. */
  sources: Array<XmlEl | undefined>;
  /** Crop blocks (`targetImageData`), first real JPEG wins. */
  targets: Array<XmlEl | undefined>;
}

/** Fills `images` (decoded JPEGs) and `imageInfo` (sizes) from the first real image of each kind. */
export function collectImages(ctx: Ctx, body: EventBody, candidates: ImageCandidates): void {
  const source = firstImage(ctx, candidates.sources);
  const target = firstImage(ctx, candidates.targets);
  if (source?.bytes || target?.bytes) {
    body.images = {};
    if (source?.bytes) body.images.source = source.bytes;
    if (target?.bytes) body.images.target = target.bytes;
  }
  const info: NonNullable<EventBody["imageInfo"]> = {};
  const sourceInfo = source && describe(source);
  const targetInfo = target && describe(target);
  if (sourceInfo && Object.keys(sourceInfo).length > 0) info.source = sourceInfo;
  if (targetInfo && Object.keys(targetInfo).length > 0) info.target = targetInfo;
  if (info.source || info.target) body.imageInfo = info;
}

/** The first block holding a real JPEG; else the first block at all (for its dimensions). */
function firstImage(ctx: Ctx, blocks: Array<XmlEl | undefined>): ImageRead | undefined {
  let fallback: ImageRead | undefined;
  for (const block of blocks) {
    const read = image(ctx, block);
    if (!read) continue;
    if (read.present) return read;
    fallback ??= read;
  }
  return fallback;
}

function describe(read: ImageRead): { width?: number; height?: number; bytes?: number } {
  const info: { width?: number; height?: number; bytes?: number } = {};
  if (read.width) info.width = read.width;
  if (read.height) info.height = read.height;
  if (read.size !== undefined) info.bytes = read.size;
  return info;
}

/** `carAttr` of either layout, its type already read (the layouts name it differently). */
export function readVehicle(type: string | undefined, attrs: XmlEl): Vehicle | undefined {
  const vehicle: Vehicle = {};
  const color = strOf(attrs, "color");
  const brand = strOf(attrs, "brand");
  const model = strOf(attrs, "model");
  if (type !== undefined) vehicle.type = type;
  if (color !== undefined) vehicle.color = color;
  if (brand !== undefined) vehicle.brand = brand;
  if (model !== undefined) vehicle.model = model;
  return type !== undefined || color !== undefined || brand !== undefined || model !== undefined ? vehicle : undefined;
}

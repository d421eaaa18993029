// NVR layout smart events (`smartType` words: regionIntrusion, vehicle, videoFaceDetect, ...).
import { child, items, type XmlEl } from "./xml-el";
import { strOf, numOf, rect, polygon, region, line, type Ctx } from "./read";
import { targetTypeOf } from "./categories";
import { collectImages, readVehicle, type EventBody } from "./event-parts";
import type { FaceAttributes, Plate, Target, Vehicle } from "./types";

/** Root children this layout reads (kept out of `extra`). */
export const NVR_EVENT_NAMES = [
  "eventInfo", "targetListInfo", "licensePlateListInfo", "faceListInfo", "sourceDataInfo",
];

export function readNvrEvent(ctx: Ctx, root: XmlEl): EventBody {
  const body: EventBody = { targets: [] };
  const byId = new Map<string, Target>();

  // Layout 1: eventInfo (rule geometry, normalized) joined with targetListInfo (type, crop).
  for (const item of items(child(root, "eventInfo"))) {
    const id = strOf(item, "targetId");
    const eventId = strOf(item, "eventId");
    if (body.eventId === undefined && eventId !== undefined) body.eventId = eventId;
    body.region ??= region(polygon(child(item, "pointGroup")));
    body.line ??= line(child(item, "directionLine"));
    if (id === undefined || byId.has(id)) continue;
    const target: Target = { id, type: "other" };
    const r = rect(child(item, "rect"), "normalized");
    if (r) target.rect = r;
    if (eventId !== undefined) target.eventId = eventId;
    byId.set(id, target);
    body.targets.push(target);
  }
  const targetItems = items(child(root, "targetListInfo"));
  for (const item of targetItems) {
    const id = strOf(item, "targetId");
    if (id === undefined) continue;
    let target = byId.get(id);
    if (!target) {
      target = { id, type: "other" };
      byId.set(id, target);
      body.targets.push(target);
    }
    const rawType = strOf(item, "targetType");
    if (rawType) Object.assign(target, { type: targetTypeOf(rawType), rawType });
    const r = target.rect ?? rect(child(item, "rect"), "normalized");
    if (r) target.rect = r;
    cropSize(target, item);
  }

  // Layout 2: licensePlateListInfo. Plate rects are pixels of the overview.
  const plateItems = items(child(root, "licensePlateListInfo"));
  for (const item of plateItems) {
    const target = listTarget(item, "plate");
    if (target) body.targets.push(target);
    const number =
      strOf(child(item, "licensePlateAttribute"), "licensePlateNumber", "plateNumber") ??
      strOf(item, "plateNumber");
    if (body.plate === undefined && number !== undefined) {
      body.plate = readNvrPlate(item, number);
      const vehicle = readNvrVehicle(child(item, "carAttribute"));
      if (vehicle) body.vehicle = vehicle;
    }
  }

  // Layout 3: faceListInfo. Face rects are pixels too.
  const faceItems = items(child(root, "faceListInfo"));
  for (const item of faceItems) {
    const target = listTarget(item, "face");
    if (target) body.targets.push(target);
    body.face ??= readFace(item);
  }

  collectImages(ctx, body, {
    sources: [child(root, "sourceDataInfo")],
    targets: [...plateItems, ...faceItems, ...targetItems].map((item) => child(item, "targetImageData")),
  });
  return body;
}

function listTarget(item: XmlEl, type: "plate" | "face"): Target | undefined {
  const id = strOf(item, "targetId");
  if (id === undefined) return undefined;
  const target: Target = { id, type };
  const r = rect(child(item, "rect"), "pixels");
  if (r) target.rect = r;
  cropSize(target, item);
  return target;
}

function cropSize(target: Target, item: XmlEl): void {
  const crop = child(item, "targetImageData");
  const width = numOf(crop, "width", "Width");
  const height = numOf(crop, "height", "Height");
  if (width) target.imageWidth = width;
  if (height) target.imageHeight = height;
}

function readNvrPlate(item: XmlEl, number: string): Plate {
  const attrs = child(item, "licensePlateAttribute");
  const match = child(item, "licensePlateMatchInfo");
  const plate: Plate = { number };
  const group = strOf(match, "groupName", "group");
  const owner = strOf(match, "carOwner", "owner");
  const color = strOf(attrs, "color");
  const direction = strOf(attrs, "direction") ?? strOf(item, "direction", "vehicleDirect");
  const confidence = numOf(attrs, "confidence");
  const id = strOf(item, "targetId");
  const r = rect(child(item, "rect"), "pixels");
  if (group !== undefined) plate.group = group;
  if (owner !== undefined) plate.owner = owner;
  if (color !== undefined) plate.color = color;
  if (direction !== undefined) plate.direction = direction;
  if (confidence !== undefined) plate.confidence = confidence;
  if (r) plate.rect = r;
  if (id !== undefined) plate.targetId = id;
  return plate;
}

function readNvrVehicle(attrs: ReturnType<typeof child>): Vehicle | undefined {
  if (attrs === undefined) return undefined;
  return readVehicle(strOf(attrs, "carType", "type"), attrs);
}

function readFace(item: XmlEl): FaceAttributes | undefined {
  const face: FaceAttributes = {};
  for (const key of ["age", "sex", "glasses", "mask"] as const) {
    const value = strOf(item, key);
    if (value !== undefined) face[key] = value;
  }
  return Object.keys(face).length > 0 ? face : undefined;
}

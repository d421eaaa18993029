// IPC layout smart events (`smartType` codes: VEHICE, PEA, VFD, AOIENTRY, VSD, ...).
import { at, child, items, type XmlEl } from "./xml-el";
import { str, strOf, numOf, toNumber, countAttr, rect, cornerRect, polygon, region, line, type Ctx } from "./read";
import { targetTypeOf } from "./categories";
import { collectImages, readVehicle, type EventBody } from "./event-parts";
import type { Category, Plate, Target, Vehicle } from "./types";

/** Root children this layout reads (kept out of `extra`). */
export const IPC_EVENT_NAMES = [
  "perimeter", "tripwire", "listInfo", "sourceDataInfo", "vsd", "plateCount",
];

/** PEA means intrusion or line crossing, told apart by its detection block. */
export function refineIpcCategory(smartType: string, category: Category, root: XmlEl): Category {
  if (category !== "intrusion" || smartType.trim().toUpperCase() !== "PEA") return category;
  return child(root, "tripwire") !== undefined ? "lineCrossing" : "intrusion";
}

export function readIpcEvent(ctx: Ctx, root: XmlEl): EventBody {
  const body: EventBody = { targets: [] };
  const byId = new Map<string, Target>();
  const addTarget = (target: Target): Target => {
    // One target per id: detection items (event id, status) and list items (type, crop) join.
    const known = byId.get(target.id);
    if (known) {
      const type = known.type === "other" ? target.type : known.type;
      return Object.assign(known, { ...target, ...known, type });
    }
    byId.set(target.id, target);
    body.targets.push(target);
    return target;
  };

  // Detection blocks: perimeter/perInfo (PEA intrusion, LOITER, PVD) and tripwire/tripInfo.
  const detections = [...items(at(root, "perimeter", "perInfo")), ...items(at(root, "tripwire", "tripInfo"))];
  for (const item of detections) {
    const id = strOf(item, "targetId");
    const eventId = strOf(item, "eventId");
    const status = strOf(item, "status");
    if (body.eventId === undefined && eventId !== undefined) body.eventId = eventId;
    if (body.status === undefined && status !== undefined) body.status = status;
    const points = polygon(child(item, "boundary"));
    body.region ??= region(points);
    // Tripwire ends sit in a `line` element or directly in the item.
    body.line ??= line(child(item, "line") ?? item);
    if (id === undefined) continue;
    const target: Target = { id, type: "other" };
    const r = rect(child(item, "rect"), "normalized");
    if (r) target.rect = r;
    if (status !== undefined) target.status = status;
    if (eventId !== undefined) target.eventId = eventId;
    addTarget(target);
  }

  // listInfo: target crops, and for LPR the overview item plus the plate item(s).
  const list = items(child(root, "listInfo"));
  let plateItem: XmlEl | undefined;
  let overviewItem: XmlEl | undefined;
  // An LPR list: item 0 is usually the overview (no or empty plate), the plate item follows.
  const isPlateList = list.some((item) => child(item, "plateNumber") !== undefined);
  for (const item of list) {
    const plateNumber = strOf(item, "plateNumber");
    if (isPlateList && plateNumber === undefined) {
      overviewItem ??= item; // the LPR overview item (empty plate) carries the scene, no target
      continue;
    }
    if (plateNumber !== undefined && plateItem === undefined) plateItem = item;
    const id = strOf(item, "targetId", "vehiceId", "vehicleId");
    if (id === undefined) continue;
    const crop = child(item, "targetImageData");
    const rawType = strOf(crop, "targetType");
    const target: Target = { id, type: rawType ? targetTypeOf(rawType) : isPlateList ? "plate" : "other" };
    if (rawType) target.rawType = rawType;
    const r = rect(child(item, "rect"), "normalized") ?? (isPlateList ? cornerRect(item) : undefined);
    if (r) target.rect = r;
    const width = numOf(crop, "width", "Width");
    const height = numOf(crop, "height", "Height");
    if (width) target.imageWidth = width;
    if (height) target.imageHeight = height;
    addTarget(target);
  }

  if (plateItem) {
    const { plate, vehicle } = readIpcPlate(plateItem);
    body.plate = plate;
    if (vehicle) body.vehicle = vehicle;
    const details = plateDetails(plateItem);
    if (Object.keys(details).length > 0) body.extraParts = { plateInfo: details };
  }

  // Images: overview in sourceDataInfo (VSD: inside vsd), or LPR list item 0; crop from the
  // first list item carrying one (LPR: the plate item), VSD's vsd/targetImageData.
  collectImages(ctx, body, {
    sources: [child(root, "sourceDataInfo"), at(root, "vsd", "sourceDataInfo"), child(overviewItem, "targetImageData")],
    targets: [
      child(plateItem, "targetImageData"),
      ...list.filter((item) => item !== overviewItem).map((item) => child(item, "targetImageData")),
      at(root, "vsd", "targetImageData"),
    ],
  });
  return body;
}

function readIpcPlate(item: XmlEl): { plate: Plate; vehicle?: Vehicle } {
  const plate: Plate = { number: strOf(item, "plateNumber") ?? "" };
  const group = strOf(item, "vehicleListType");
  const direction = strOf(item, "vehicleDirect");
  const confidence = countAttr(item, "PlateConfidence");
  const id = strOf(item, "targetId", "vehiceId", "vehicleId");
  const r = cornerRect(item);
  if (group !== undefined) plate.group = group;
  if (direction !== undefined) plate.direction = direction;
  // 0..10000 on the wire (9900 = 99 %); the overview item's 0 means "not measured".
  if (confidence !== undefined) plate.confidence = confidence / 100;
  if (r) plate.rect = r;
  if (id !== undefined) plate.targetId = id;
  const attrs = child(item, "carAttr");
  if (attrs === undefined) return { plate };
  const vehicle = readVehicle(strOf(attrs, "type"), attrs);
  return vehicle === undefined ? { plate } : { plate, vehicle };
}

/**
 * The plate item's numeric codes and sizes, which have no contract field, for `extra`. Spelled
 * out field by field: stores to computed keys would be generic (megamorphic) on every post.
 */
function plateDetails(item: XmlEl): Record<string, number | string> {
  const details: Record<string, number | string> = {};
  let value: number | string | undefined;
  // Codes held in a `count` attribute.
  if ((value = countAttr(item, "plateColor")) !== undefined) details.plateColor = value;
  if ((value = countAttr(item, "plateColorRate")) !== undefined) details.plateColorRate = value;
  if ((value = countAttr(item, "plateStyle")) !== undefined) details.plateStyle = value;
  if ((value = countAttr(item, "vehiceColor")) !== undefined) details.vehiceColor = value;
  if ((value = countAttr(item, "plateAngleH")) !== undefined) details.plateAngleH = value;
  if ((value = countAttr(item, "plateAngleV")) !== undefined) details.plateAngleV = value;
  // Sizes as text: numbers when they are numbers.
  if ((value = numberOrText(item, "plateCharCount")) !== undefined) details.plateCharCount = value;
  if ((value = numberOrText(item, "PlateWidth")) !== undefined) details.PlateWidth = value;
  if ((value = numberOrText(item, "PlateHeight")) !== undefined) details.PlateHeight = value;
  if ((value = numberOrText(item, "SourceImageWidth")) !== undefined) details.SourceImageWidth = value;
  if ((value = numberOrText(item, "SourceImageHeight")) !== undefined) details.SourceImageHeight = value;
  if ((value = numberOrText(item, "province")) !== undefined) details.province = value;
  const car = child(item, "carRect");
  if (car !== undefined) {
    if ((value = numOf(car, "x")) !== undefined) details.carRectX = value;
    if ((value = numOf(car, "y")) !== undefined) details.carRectY = value;
    if ((value = numOf(car, "width")) !== undefined) details.carRectWidth = value;
    if ((value = numOf(car, "height")) !== undefined) details.carRectHeight = value;
  }
  return details;
}

function numberOrText(item: XmlEl, name: string): number | string | undefined {
  const text = str(child(item, name));
  return text === undefined ? undefined : toNumber(text) ?? text;
}

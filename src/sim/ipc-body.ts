// IPC layout bodies (config 1.7, `type=` attributes, one element per line as the cameras send).
import { XmlWriter } from "./xml-writer";
import { currentTime, dataTime, plateRect, tripLine, zone, type BodyParts } from "./body-parts";
import type { SimPicture } from "./sim-images";
import type { KeepaliveForm, SimDevice, SimRect, SimTarget } from "./sim-types";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>';
const ROOT = { version: "1.7", xmlns: "http://www.ipc.com/ver10" };
const U32 = { type: "uint32" };
const STR = { type: "string" };

// The enum declarations API 2.1 cameras put first (parsers ignore them).
const TYPES_LINE =
  "<types><openAlarmObj>" +
  ["MOTION", "SENSOR", "PEA", "AVD", "VFD", "VEHICE", "AOIENTRY", "AOILEAVE", "VSD", "PVD", "LOITER"].map((e) => `<enum>${e}</enum>`).join("") +
  "</openAlarmObj><subscribeRelationV1><enum>ALARM</enum><enum>FEATURE_RESULT</enum></subscribeRelationV1>" +
  "<perStatus><enum>SMART_NONE</enum><enum>SMART_START</enum><enum>SMART_STOP</enum><enum>SMART_PROCEDURE</enum></perStatus>" +
  "<targetType><enum>person</enum><enum>car</enum><enum>motor</enum></targetType></types>";

function start(): XmlWriter {
  return new XmlWriter().raw(DECLARATION).open("config", ROOT);
}

/** Identity directly under `config` (events, traject). */
function identity(xml: XmlWriter, device: SimDevice): void {
  xml.cdata("mac", device.mac, STR).cdata("sn", device.serial, STR).cdata("deviceName", device.name, STR);
  if (device.channel !== undefined) xml.text("channelId", device.channel, U32);
}

function point(xml: XmlWriter, name: string, x: number, y: number): void {
  xml.raw(`<${name}><x type="uint32">${x}</x><y type="uint32">${y}</y></${name}>`);
}

function rect(xml: XmlWriter, r: SimRect): void {
  xml.open("rect").text("x1", r.x1, U32).text("y1", r.y1, U32).text("x2", r.x2, U32).text("y2", r.y2, U32).close("rect");
}

function sourceData(xml: XmlWriter, overview: SimPicture | undefined): void {
  if (!overview) return;
  xml.open("sourceDataInfo").text("dataType", 0, U32).text("width", overview.width, U32).text("height", overview.height, U32)
    .text("sourceBase64Length", overview.base64Length, U32).verbatim("sourceBase64Data", overview.base64, STR)
    .close("sourceDataInfo");
}

/** `targetImageData`: the target type always, the crop when there is one. */
function targetImage(xml: XmlWriter, targetType: string, crop: SimPicture | undefined, zeroSize = false): void {
  xml.open("targetImageData").text("dataType", 0, U32).text("targetType", targetType, { type: "targetType" });
  if (crop) {
    xml.text("width", zeroSize ? 0 : crop.width, U32).text("height", zeroSize ? 0 : crop.height, U32)
      .text("targetBase64Length", crop.base64Length, U32).verbatim("targetBase64Data", crop.base64, STR);
  }
  xml.close("targetImageData");
}

/** `listInfo`: one item per target with its rect and crop (VFD, AOI, PEA, LOITER, PVD). */
function targetList(xml: XmlWriter, targets: SimTarget[], crop: SimPicture | undefined): void {
  xml.open("listInfo", { type: "list", count: targets.length });
  for (const target of targets) {
    xml.open("item").text("targetId", target.id, { type: "tuint32" });
    rect(xml, target.rect);
    targetImage(xml, target.type, crop);
    xml.close("item");
  }
  xml.close("listInfo");
}

function detections(xml: XmlWriter, parts: BodyParts, block: "perimeter" | "tripwire"): void {
  const [outer, list] = block === "perimeter" ? ["perimeter", "perInfo"] : ["tripwire", "tripInfo"];
  const polygon = block === "perimeter" ? zone(parts.rand) : undefined;
  const line = block === "tripwire" ? tripLine(parts.rand) : undefined;
  xml.open(outer).open(list, { type: "list", count: parts.targets.length });
  parts.targets.forEach((target, i) => {
    xml.open("item").text("eventId", parts.eventId + i, U32).text("targetId", target.id, U32)
      .text("status", "SMART_START", { type: "perStatus" });
    if (polygon) {
      xml.open("boundary", { type: "list", count: polygon.length });
      for (const p of polygon) xml.raw(`<item><point><x type="uint32">${p.x}</x><y type="uint32">${p.y}</y></point></item>`);
      xml.close("boundary");
    }
    if (line) {
      xml.open("line");
      point(xml, "startPoint", line.start.x, line.start.y);
      point(xml, "endPoint", line.end.x, line.end.y);
      xml.close("line");
    }
    rect(xml, target.rect);
    xml.close("item");
  });
  xml.close(list).close(outer);
}

function plateList(xml: XmlWriter, parts: BodyParts): void {
  const { overview, crop } = parts.pictures;
  const car = parts.targets[0];
  const box = plateRect(car.rect);
  const frame = parts.frame;
  const source = (): void => {
    xml.text("SourceImageWidth", frame.width, U32).text("SourceImageHeight", frame.height, U32);
  };
  xml.text("plateCount", 1, U32).open("listInfo", { type: "list", count: overview ? 2 : 1 });
  if (overview) {
    // Item 0: the overview, with an empty plate and zero corners (as the cameras send it).
    xml.open("item").text("image", 0, U32).text("vehiceId", 0, U32).cdata("plateNumber", "", STR)
      .text("plateCharCount", 0, U32).text("PlateWidth", 0, U32).text("PlateHeight", 0, U32);
    source();
    for (const corner of ["leftTop", "rightTop", "leftBottom", "rightBottom"]) point(xml, corner, 0, 0);
    xml.empty("PlateConfidence", { ...U32, count: 0 }).empty("plateColor", { ...U32, count: 0 }).empty("vehiceColor", { ...U32, count: 0 });
    targetImage(xml, "", overview, true);
    xml.close("item");
  }
  const { plate, vehicle } = parts;
  xml.open("item").text("image", 1, U32).text("vehiceId", car.id, U32).text("plateNumber", plate.number, STR)
    .text("plateCharCount", plate.number.length, U32)
    .text("vehicleDirect", plate.direction, { type: "vehicleDirectType" });
  if (plate.group !== undefined) xml.text("vehicleListType", plate.group, { type: "vehileMatchAlarmList" });
  xml.text("PlateWidth", Math.round(((box.x2 - box.x1) * frame.width) / 10000), U32)
    .text("PlateHeight", Math.round(((box.y2 - box.y1) * frame.height) / 10000), U32);
  source();
  point(xml, "leftTop", box.x1, box.y1);
  point(xml, "rightTop", box.x2, box.y1);
  point(xml, "leftBottom", box.x1, box.y2);
  point(xml, "rightBottom", box.x2, box.y2);
  xml.empty("PlateConfidence", { ...U32, count: parts.rand.int(9000, 9990) })
    .empty("plateColor", { ...U32, count: 2 }).empty("plateColorRate", { ...U32, count: 0 })
    .empty("plateStyle", { ...U32, count: 1 }).empty("vehiceColor", { ...U32, count: 0 })
    .text("province", "", STR, true)
    .open("carAttr").text("color", vehicle.color, { type: "vsdCarAttrColorType" })
    .text("type", vehicle.type, { type: "vsdCarAttrTypeType" }).text("brand", vehicle.brand, { type: "vsdCarAttrBrandType" })
    .text("model", vehicle.model, { type: "vsdCarAttrModelType" }).close("carAttr")
    .open("carRect")
    .text("x", Math.round((car.rect.x1 * frame.width) / 10000), U32).empty("y", U32)
    .text("width", Math.round(((car.rect.x2 - car.rect.x1) * frame.width) / 10000), U32)
    .text("height", Math.round(((car.rect.y2 - car.rect.y1) * frame.height) / 10000), U32)
    .close("carRect");
  targetImage(xml, "car", crop);
  xml.close("item").close("listInfo");
}

export function ipcEvent(parts: BodyParts): string {
  const xml = start().raw(TYPES_LINE)
    .text("smartType", parts.type.smartType, { type: "openAlarmObj" })
    .text("subscribeOption", "FEATURE_RESULT", { type: "subscribeRelationV1" })
    .text("currentTime", currentTime(parts.timeUs), { type: "tint64" });
  identity(xml, parts.device);
  const { overview, crop } = parts.pictures;
  switch (parts.type.layout) {
    case "plate":
      plateList(xml, parts);
      break;
    case "perimeter":
    case "tripwire":
      detections(xml, parts, parts.type.layout);
      sourceData(xml, overview);
      targetList(xml, parts.targets, crop);
      break;
    case "vsd":
      xml.open("vsd");
      sourceData(xml, overview);
      if (crop) targetImage(xml, "person", crop);
      xml.close("vsd");
      break;
    default:
      sourceData(xml, overview);
      targetList(xml, parts.targets, crop);
  }
  return xml.close("config").toString();
}

export function ipcTraject(device: SimDevice, timeUs: number, targets: SimTarget[]): string {
  const xml = start()
    .raw("<types><targetType><enum>person</enum><enum>car</enum><enum>motor</enum></targetType></types>")
    .text("subscribeOption", "FEATURE_RESULT", { type: "subscribeRelation" })
    .text("currentTime", currentTime(timeUs), { type: "tint64" });
  identity(xml, device);
  xml.open("traject", { type: "list", count: targets.length });
  for (const target of targets) {
    xml.open("item").text("targetId", target.id, U32);
    point(xml, "point", 0, 0);
    rect(xml, target.rect);
    xml.text("velocity", 0, U32).text("direction", 0, U32).text("targetType", target.type, { type: "targetType" })
      .empty("trajectlength", { type: "list", count: 0 }).close("item");
  }
  return xml.close("traject").close("config").toString();
}

export function ipcAlarmStatus(device: SimDevice, timeUs: number, name: string, id: string, active: boolean): string {
  return start()
    .open("alarmStatusInfo").text(name, String(active), { type: "boolean", id }).close("alarmStatusInfo")
    .cdata("dataTime", dataTime(timeUs))
    .open("deviceInfo").cdata("deviceName", device.name).cdata("deviceNo.", String(device.channel ?? 1))
    .cdata("sn", device.serial).cdata("ipAddress", device.ip).cdata("macAddress", device.mac).close("deviceInfo")
    .close("config").toString();
}

export function ipcKeepalive(device: SimDevice, form: KeepaliveForm): string {
  if (form === "empty") return "";
  if (form === "deviceInfo") {
    return new XmlWriter().raw('<?xml version="1.0" encoding="utf-8"?>').open("DeviceInfo")
      .text("DeviceName", device.name).text("DeviceNo.", device.channel ?? 1).cdata("SN", device.serial)
      .text("ipAddress", device.ip).text("macAddress", device.mac).close("DeviceInfo").toString();
  }
  // API 2.1 firmware: the 1.7 envelope with messageType, no XML declaration.
  return new XmlWriter().open("config", ROOT).text("messageType", "keepalive")
    .open("deviceInfo").cdata("deviceName", device.name).cdata("ip", device.ip).cdata("mac", device.mac).close("deviceInfo")
    .close("config").toString();
}

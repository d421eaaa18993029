// NVR layout bodies (config 2.0.0, messageType, deviceInfo, no type attributes, 4-space indent).
import { XmlWriter } from "./xml-writer";
import { currentTime, plateRect, toPixels, tripLine, zone, type BodyParts } from "./body-parts";
import type { SimPicture } from "./sim-images";
import type { SimDevice, SimRect } from "./sim-types";

const ROOT = { version: "2.0.0", xmlns: "http://www.ipc.com/ver10" };

function start(messageType: string, device: SimDevice, withChannel: boolean): XmlWriter {
  const xml = new XmlWriter("    ").raw('<?xml version="1.0" encoding="UTF-8"?>').open("config", ROOT)
    .text("messageType", messageType)
    .open("deviceInfo").cdata("deviceName", device.name).cdata("ip", device.ip).cdata("mac", device.mac);
  if (withChannel) xml.text("channelId", device.channel ?? 1);
  return xml.close("deviceInfo");
}

function rect(xml: XmlWriter, name: string, r: SimRect): void {
  xml.open(name).raw(`<x1>${r.x1}</x1><y1>${r.y1}</y1>`).raw(`<x2>${r.x2}</x2><y2>${r.y2}</y2>`).close(name);
}

function xy(xml: XmlWriter, name: string, p: { x: number; y: number }): void {
  xml.raw(`<${name}><x>${p.x}</x><y>${p.y}</y></${name}>`);
}

function sourceData(xml: XmlWriter, overview: SimPicture | undefined): void {
  if (!overview) return;
  xml.open("sourceDataInfo").text("dataType", 0).text("width", overview.width).text("height", overview.height)
    .text("sourceBase64Length", overview.base64Length).verbatim("sourceBase64Data", overview.base64).close("sourceDataInfo");
}

function targetImage(xml: XmlWriter, crop: SimPicture | undefined): void {
  if (!crop) return;
  xml.open("targetImageData").text("dataType", 0).text("width", crop.width).text("height", crop.height)
    .text("targetBase64Length", crop.base64Length).verbatim("targetBase64Data", crop.base64).close("targetImageData");
}

const ZERO: SimRect = { x1: 0, y1: 0, x2: 0, y2: 0 };
const FULL_FRAME = [{ x: 0, y: 12 }, { x: 9912, y: 0 }, { x: 9930, y: 9905 }, { x: 18, y: 9888 }];

/** Layout 1: eventInfo (rule geometry, normalized) and targetListInfo (type, crop). */
function eventInfo(xml: XmlWriter, parts: BodyParts): void {
  const layout = parts.type.layout;
  const isLine = layout === "line" || layout === "count-line";
  const points = layout === "full-frame" ? FULL_FRAME : isLine ? undefined : zone(parts.rand);
  const line = isLine ? tripLine(parts.rand) : undefined;
  xml.open("eventInfo");
  parts.targets.forEach((target, i) => {
    xml.open("item").text("eventId", parts.eventId + i).text("targetId", target.id).text("boundary", isLine ? "tripwire" : "area");
    if (points) {
      xml.open("pointGroup");
      for (const p of points) xml.raw(`<item><x>${p.x}</x><y>${p.y}</y></item>`);
      xml.close("pointGroup");
    }
    if (line) {
      xml.open("directionLine");
      xy(xml, "startPoint", line.start);
      xy(xml, "endPoint", line.end);
      xml.close("directionLine");
    }
    // Counting by line sends an all-zero rect.
    rect(xml, "rect", layout === "count-line" ? ZERO : target.rect);
    xml.close("item");
  });
  xml.close("eventInfo");
  sourceData(xml, parts.pictures.overview);
  xml.open("targetListInfo");
  for (const target of parts.targets) {
    xml.open("item").text("targetId", target.id).text("targetType", target.type);
    targetImage(xml, parts.pictures.crop);
    xml.close("item");
  }
  xml.close("targetListInfo");
}

/** Layout 2: licensePlateListInfo, rects in overview pixels. */
function plateList(xml: XmlWriter, parts: BodyParts): void {
  const car = parts.targets[0];
  const { plate, vehicle } = parts;
  sourceData(xml, parts.pictures.overview);
  xml.open("licensePlateListInfo").open("item").text("targetId", car.id);
  rect(xml, "rect", toPixels(plateRect(car.rect), parts.frame));
  xml.open("licensePlateAttribute").cdata("licensePlateNumber", plate.number).text("color", plate.color).close("licensePlateAttribute");
  if (plate.group !== undefined) xml.open("licensePlateMatchInfo").cdata("groupName", plate.group).close("licensePlateMatchInfo");
  rect(xml, "carRect", toPixels(car.rect, parts.frame));
  xml.open("carAttribute").cdata("carType", vehicle.type).cdata("color", vehicle.color).cdata("brand", vehicle.brand)
    .cdata("model", vehicle.model).close("carAttribute");
  targetImage(xml, parts.pictures.crop);
  xml.close("item").close("licensePlateListInfo");
}

/** Layout 3: faceListInfo, rects in overview pixels. */
function faceList(xml: XmlWriter, parts: BodyParts): void {
  sourceData(xml, parts.pictures.overview);
  xml.open("faceListInfo");
  for (const target of parts.targets) {
    xml.open("item").text("targetId", target.id);
    rect(xml, "rect", toPixels(target.rect, parts.frame));
    xml.text("age", parts.face.age).text("sex", parts.face.sex).text("glasses", parts.face.glasses).text("mask", parts.face.mask);
    targetImage(xml, parts.pictures.crop);
    xml.close("item");
  }
  xml.close("faceListInfo");
}

export function nvrEvent(parts: BodyParts): string {
  const xml = start("alarmData", parts.device, true)
    .text("smartType", parts.type.smartType).text("currentTime", currentTime(parts.timeUs));
  if (parts.type.layout === "plate") plateList(xml, parts);
  else if (parts.type.layout === "face") faceList(xml, parts);
  else eventInfo(xml, parts);
  return xml.close("config").toString();
}

export function nvrAlarmStatus(device: SimDevice, timeUs: number, name: string, id: string, active: boolean): string {
  return start("alarmStatus", device, true).text("currentTime", currentTime(timeUs))
    .open("alarmStatusInfo").open(name).text("item", String(active), { id }).close(name).close("alarmStatusInfo")
    .close("config").toString();
}

/** NVR heartbeat: the envelope without channel and time. */
export function nvrKeepalive(device: SimDevice): string {
  return start("keepalive", device, false).close("config").toString();
}

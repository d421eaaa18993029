// Webhook bodies as Viewtron cameras (IPC layout) and NVRs (NVR layout) send them. Pure: no I/O;
// the only state is a cache of encoded JPEGs. Every body parses with `parseMessage` to what the
// returned description says.
import { alarmCategoryOf } from "../protocol/categories";
import { resolveEventType, formatOfType, type EventType } from "./event-types";
import { SimRandom } from "./random";
import { makeFace, makePlate, makeVehicle } from "./plates";
import { DEFAULT_OVERVIEW, describePicture, eventPictures } from "./sim-images";
import { ipcAlarmStatus, ipcEvent, ipcKeepalive, ipcTraject } from "./ipc-body";
import { nvrAlarmStatus, nvrEvent, nvrKeepalive } from "./nvr-body";
import type { BodyParts } from "./body-parts";
import {
  SimError, type GeneratedBody, type GenerateOptions, type SimDevice, type SimFormat, type SimRect,
  type SimTarget, type SimTargetType,
} from "./sim-types";

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, "0").toUpperCase();

/**
 * The identity of simulated camera `index` (1-based). In the NVR format all cameras are
 * channels of one recorder, as on an NVR's PoE ports.
 */
export function defaultDevice(format: SimFormat, index = 1): SimDevice {
  if (format === "nvr") {
    return { name: "Sim NVR", mac: "02:56:54:4E:00:01", serial: "SIMNVR0001", ip: "192.168.1.200", channel: index };
  }
  return {
    name: `Sim Camera ${index}`,
    mac: `02:56:54:00:${hex2(index >> 8)}:${hex2(index)}`,
    serial: `SIMCAM${String(index).padStart(4, "0")}`,
    ip: `192.168.1.${100 + (index % 100)}`,
  };
}

function makeRect(rand: SimRandom, type: SimTargetType): SimRect {
  const [wMin, wMax, hMin, hMax] = type === "person" ? [600, 1800, 2500, 6000] : [1500, 4000, 1500, 4000];
  const w = rand.int(wMin, wMax);
  const h = rand.int(hMin, hMax);
  const x1 = rand.int(0, 10000 - w);
  const y1 = rand.int(0, 10000 - h);
  return { x1, y1, x2: x1 + w, y2: y1 + h };
}

function makeTargets(rand: SimRandom, given: GenerateOptions["targets"], type: SimTargetType): SimTarget[] {
  const wanted = given && given.length > 0 ? given : [{}];
  return wanted.map((t) => {
    const targetType = t.type ?? type;
    return { id: t.id ?? String(rand.int(1, 65000)), type: targetType, rect: t.rect ?? makeRect(rand, targetType) };
  });
}

function partsFor(type: EventType, options: GenerateOptions, device: SimDevice, timeUs: number, rand: SimRandom): BodyParts {
  const targets = makeTargets(rand, options.targets, type.target);
  const pictures = eventPictures(options.images);
  const given = options.plate ?? {};
  const plate = {
    number: given.number ?? makePlate(rand),
    direction: given.direction ?? "approach",
    color: given.color ?? "white",
    ...(given.group === undefined ? {} : { group: given.group }),
  };
  const vehicle = makeVehicle(rand, type.format);
  const face = makeFace(rand);
  const frame = pictures.overview ?? DEFAULT_OVERVIEW;
  return { type, device, timeUs, rand, targets, pictures, plate, vehicle, face, eventId: rand.int(1, 60000), frame };
}

/** One webhook body. Throws SimError for impossible combinations (traject from an NVR, ...). */
export function generateBody(options: GenerateOptions = {}): GeneratedBody {
  const format = options.format ?? formatOfType(options.type);
  const kind = options.kind ?? "event";
  const rand = new SimRandom(options.seed ?? 1);
  const device: SimDevice = { ...defaultDevice(format), ...options.device };
  const timeUs = Math.round(options.timeUs ?? Date.now() * 1000);
  const base = { format, kind, device, timeUs, targets: [] as SimTarget[], images: {} };

  switch (kind) {
    case "keepalive": {
      const body = format === "nvr" ? nvrKeepalive(device) : ipcKeepalive(device, options.keepalive ?? "empty");
      return { ...base, body };
    }
    case "traject": {
      if (format === "nvr") throw new SimError("NVRs never forward traject posts; use the ipc format");
      const targets = makeTargets(rand, options.targets, options.type ? resolveEventType(format, options.type).target : "person");
      return { ...base, body: ipcTraject(device, timeUs, targets), category: "traject", targets };
    }
    case "alarmStatus": {
      const type = resolveEventType(format, options.type ?? (format === "ipc" ? "PEA" : "regionIntrusion"));
      const name = options.alarmName ?? type.alarm;
      if (name === undefined) {
        throw new SimError(`${type.name} has no alarm-status post; pick another type or an alarm name`);
      }
      const id = options.alarmId ?? "1";
      const active = options.active ?? true;
      const body = format === "nvr"
        ? nvrAlarmStatus(device, timeUs, name, id, active)
        : ipcAlarmStatus(device, timeUs, name, id, active);
      return { ...base, body, category: alarmCategoryOf(name), alarm: { name, id, active } };
    }
    case "event": {
      const type = resolveEventType(format, options.type);
      const parts = partsFor(type, options, device, timeUs, rand);
      const body = format === "nvr" ? nvrEvent(parts) : ipcEvent(parts);
      const isPlate = type.layout === "plate";
      // The IPC VSD layout carries pictures only; plate events carry one vehicle.
      const targets = type.layout === "vsd" ? [] : isPlate ? parts.targets.slice(0, 1) : parts.targets;
      const { number, group, direction } = parts.plate;
      const images = {
        ...(parts.pictures.overview ? { overview: describePicture(parts.pictures.overview) } : {}),
        ...(parts.pictures.crop ? { crop: describePicture(parts.pictures.crop) } : {}),
      };
      const result: GeneratedBody = {
        ...base, body, smartType: type.smartType, category: type.category, targets, images,
      };
      if (isPlate) {
        result.plate = { number, ...(group === undefined ? {} : { group }), ...(format === "ipc" ? { direction } : {}) };
      }
      return result;
    }
  }
}

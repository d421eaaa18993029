// Options and results of the body generator (generate.ts).
import type { Category } from "../protocol/types";

/** `ipc`: a camera posting itself (config 1.7); `nvr`: a recorder forwarding (config 2.0.0). */
export type SimFormat = "ipc" | "nvr";

export type SimKind = "event" | "alarmStatus" | "traject" | "keepalive";

export type SimTargetType = "person" | "car" | "motor";

/** Normalized 0..10000 of the frame, top-left to bottom-right. */
export interface SimRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface SimTarget {
  id: string;
  type: SimTargetType;
  rect: SimRect;
}

export interface SimDevice {
  name: string;
  mac: string;
  serial: string;
  ip: string;
  /** 1-based channel: always sent by the NVR format, by IPC events only when set. */
  channel?: number;
}

export interface ImageSize {
  width: number;
  height: number;
}

export interface SimImageOptions {
  /** Overview (scene) picture; default 2688x1520 (~400 KB of JPEG); false: none. */
  overview?: ImageSize | false;
  /** Target crop (plate, face, person); default 320x240; false: none. */
  crop?: ImageSize | false;
  /** JPEG quality 1..100, default 75. */
  quality?: number;
  /** Picture seed; the same seed reuses the same (cached) pictures. Default 1. */
  seed?: number;
}

export interface SimPlate {
  /** Default: a plate made up from the seed. */
  number?: string;
  /** IPC `vehicleListType` (whiteList, blackList, temporaryList) or NVR group name; absent = unlisted. */
  group?: string;
  /** IPC `vehicleDirect`: approach (default) or away. Not sent in the NVR format (NVRs do not). */
  direction?: string;
  /** Plate colour (NVR `licensePlateAttribute/color`), default white. */
  color?: string;
}

/** IPC heartbeat forms: empty body (httpPostV2), API 2.1 envelope, older `<DeviceInfo>` root. */
export type KeepaliveForm = "empty" | "envelope" | "deviceInfo";

export interface GenerateOptions {
  format?: SimFormat;
  /** Default "event". */
  kind?: SimKind;
  /**
   * Event type: an IPC code (VEHICE, PEA, PEA-tripwire, VFD, AOIENTRY, AOILEAVE, LOITER, PVD, VSD),
   * an NVR word (regionIntrusion, lineCrossing, vehicle, videoFaceDetect, videoMetadata,
   * targetCountingByLine, targetCountingByArea) or a category (lpr, intrusion, ...). For alarm
   * status it picks the alarm name. Default: VEHICE / vehicle.
   */
  type?: string;
  device?: Partial<SimDevice>;
  /** Event time, epoch microseconds (`currentTime`). Default: now. */
  timeUs?: number;
  /** Drives ids, rectangles, plates and attributes. Same options and seed, same body. */
  seed?: number;
  /** Targets; missing parts are made up. Default: one target of the type's usual kind. */
  targets?: Array<Partial<SimTarget>>;
  plate?: SimPlate;
  /** true: overview and crop at default sizes; an object: sizes of your choice. Default off. */
  images?: boolean | SimImageOptions;
  /** Alarm status on (default) or off. */
  active?: boolean;
  /** Alarm-status element name, overriding the one that belongs to `type`. */
  alarmName?: string;
  /** Alarm rule id, default "1". */
  alarmId?: string;
  /** IPC heartbeat form, default "empty". NVR heartbeats are always the 2.0.0 envelope. */
  keepalive?: KeepaliveForm;
}

export interface GeneratedImage {
  width: number;
  height: number;
  /** JPEG bytes. */
  bytes: number;
  /** Base64 characters in the body. */
  base64Length: number;
}

/** A body and what it says, as `parseMessage` should read it back. */
export interface GeneratedBody {
  body: string;
  format: SimFormat;
  kind: SimKind;
  device: SimDevice;
  timeUs: number;
  smartType?: string;
  category?: Category | "traject";
  /** Targets in the body, in order (an IPC VSD event has none). */
  targets: SimTarget[];
  plate?: { number: string; group?: string; direction?: string };
  alarm?: { name: string; id: string; active: boolean };
  images: { overview?: GeneratedImage; crop?: GeneratedImage };
}

/** A simulator input error (unknown type, traject in the NVR format, ...). */
export class SimError extends Error {
  override readonly name = "SimError";
}

// The message contract: what `parseMessage` returns and what flows see in `msg.payload`.
// JSON-friendly, camelCase, one shape for both wire formats. Fields the camera did not send
// are absent (never null, "" or 0 made up). Identifiers stay strings.

/** `ipc-v1`: config version 1.x (or none); `nvr-v2`: version 2.x (NVR or new firmware). */
export type ViewtronFormat = "ipc-v1" | "nvr-v2";

export type MessageKind = "keepalive" | "event" | "alarmStatus" | "traject" | "connection";

export type Category =
  | "lpr"
  | "face"
  | "intrusion"
  | "lineCrossing"
  | "zoneEntry"
  | "zoneExit"
  | "loitering"
  | "illegalParking"
  | "counting"
  | "metadata"
  | "motion"
  | "other";

export type TargetType = "person" | "car" | "motor" | "face" | "plate" | "other";

/** Where the event time came from. */
export type TimeSource = "device" | "deviceLocal" | "received";

export interface Device {
  name?: string;
  ip?: string;
  /** As sent (case and separators kept). */
  mac?: string;
  serial?: string;
  /** The `DeviceNo.` / `deviceNo.` element of v1 identity blocks. */
  number?: string;
  model?: string;
  /** 1-based camera channel (NVR posts, some IPC posts). */
  channel?: number;
  channelName?: string;
  /** The socket peer; present when the listener (or the caller) supplies it. */
  remoteAddress?: string;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Top-left (x1,y1) to bottom-right (x2,y2). `units` says how to read the numbers:
 * `normalized` is 0..10000 of the frame, `pixels` is source-image pixels.
 */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  units: "normalized" | "pixels";
}

export interface Target {
  id: string;
  type: TargetType;
  /** The type exactly as sent (`1`, `person`, ...), when one was sent. */
  rawType?: string;
  rect?: Rect;
  /** IPC perimeter/tripwire status (`SMART_START`, ...). */
  status?: string;
  eventId?: string;
  /** Target-crop image size as declared by the camera. */
  imageWidth?: number;
  imageHeight?: number;
}

export interface Plate {
  number: string;
  /** IPC `vehicleListType` (`whiteList`, `blackList`, `temporaryList`) or NVR group name. */
  group?: string;
  color?: string;
  /** `approach` / `away` as sent. */
  direction?: string;
  /** 0..100 (IPC `PlateConfidence` 9900 -> 99). */
  confidence?: number;
  /** Plate corners / box; IPC corners normalized, NVR rect in pixels. */
  rect?: Rect;
  targetId?: string;
  owner?: string;
}

export interface Vehicle {
  type?: string;
  color?: string;
  brand?: string;
  model?: string;
}

export interface FaceAttributes {
  age?: string;
  sex?: string;
  glasses?: string;
  mask?: string;
}

export interface Count {
  in?: number;
  out?: number;
  total?: number;
}

export interface Region {
  id?: string;
  name?: string;
  points: Point[];
}

export interface Line {
  id?: string;
  name?: string;
  start: Point;
  end: Point;
}

export interface AlarmState {
  /** Raw alarm name as sent (`perimeterAlarm`, `vehiceAlarm`, ...). */
  alarmType: string;
  active: boolean;
  /** Rule / alarm id (attribute `id`), string. */
  id?: string;
  /** Normalized category of this alarm name. */
  category: Category;
}

export interface Images {
  /** Overview / scene JPEG. */
  source?: Buffer;
  /** Target crop JPEG (plate, face, person...). */
  target?: Buffer;
}

/** Image metadata, present even when bytes are not decoded (`images: false`). */
export interface ImageInfo {
  source?: { width?: number; height?: number; bytes?: number };
  target?: { width?: number; height?: number; bytes?: number };
}

/** Values the camera sent that have no field of their own. Plain JSON. */
export type Extra = { [key: string]: unknown };

export interface PayloadBase {
  kind: MessageKind;
  format: ViewtronFormat;
  /** The raw `version` attribute of the root element, when sent. */
  protocolVersion?: string;
  device: Device;
  time: string;
  timestamp: number;
  timeSource: TimeSource;
  extra?: Extra;
}

export interface KeepalivePayload extends PayloadBase {
  kind: "keepalive";
}

export interface EventPayload extends PayloadBase {
  kind: "event";
  smartType: string;
  category: Category;
  eventId?: string;
  /** IPC smart status of the first detection item (`SMART_START`, ...). */
  status?: string;
  targets: Target[];
  plate?: Plate;
  vehicle?: Vehicle;
  face?: FaceAttributes;
  count?: Count;
  region?: Region;
  line?: Line;
  images?: Images;
  imageInfo?: ImageInfo;
}

export interface AlarmStatusPayload extends PayloadBase {
  kind: "alarmStatus";
  /** Category of the first alarm. */
  category: Category;
  alarmType: string;
  active: boolean;
  alarms: AlarmState[];
}

export interface TrajectPayload extends PayloadBase {
  kind: "traject";
  category: "traject";
  targets: Target[];
}

/** Emitted by the listener (not the parser) when a camera comes or goes. */
export interface ConnectionPayload {
  kind: "connection";
  state: "up" | "down";
  device: Device;
  time: string;
  timestamp: number;
  lastSeen?: string;
  /** Seconds between the last two posts, when known. */
  interval?: number;
  posts?: number;
}

export type ParsedMessage = KeepalivePayload | EventPayload | AlarmStatusPayload | TrajectPayload;
export type ViewtronPayload = ParsedMessage | ConnectionPayload;

export interface ParseOptions {
  /** Decode images into Buffers (default true). */
  images?: boolean;
  /** The socket peer, copied to `device.remoteAddress`. */
  remoteAddress?: string;
  /** Receive time, used when the device time is missing or impossible (default: now). */
  receivedAt?: Date | number;
}

// What one generated body is made of, resolved from the options (shared by both layouts).
import type { EventType } from "./event-types";
import type { EventPictures } from "./sim-images";
import type { FaceWords, VehicleAttributes } from "./plates";
import type { SimRandom } from "./random";
import type { ImageSize, SimDevice, SimRect, SimTarget } from "./sim-types";

export interface BodyParts {
  type: EventType;
  device: SimDevice;
  timeUs: number;
  rand: SimRandom;
  targets: SimTarget[];
  pictures: EventPictures;
  plate: { number: string; group?: string; direction: string; color: string };
  vehicle: VehicleAttributes;
  face: FaceWords;
  eventId: number;
  /** Overview size in pixels, for the pixel rects of NVR plates and faces. */
  frame: ImageSize;
}

/** `currentTime`: epoch microseconds as 16 digits. */
export function currentTime(timeUs: number): string {
  return String(Math.round(timeUs));
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** IPC alarm-status `dataTime`: device-local `MM-DD-YYYY hh:mm:ss AM/PM` (host time zone). */
export function dataTime(timeUs: number): string {
  const d = new Date(Math.floor(timeUs / 1000));
  const h = d.getHours();
  const half = h < 12 ? "AM" : "PM";
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${d.getFullYear()} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${half}`;
}

/** A normalized rect in pixels of the frame. */
export function toPixels(rect: SimRect, frame: ImageSize): SimRect {
  const sx = frame.width / 10000;
  const sy = frame.height / 10000;
  return {
    x1: Math.round(rect.x1 * sx), y1: Math.round(rect.y1 * sy),
    x2: Math.round(rect.x2 * sx), y2: Math.round(rect.y2 * sy),
  };
}

/** The plate's box inside a car's rect: lower middle, about a fifth of the car's width. */
export function plateRect(car: SimRect): SimRect {
  const w = car.x2 - car.x1;
  const h = car.y2 - car.y1;
  const x1 = Math.round(car.x1 + w * 0.4);
  const y1 = Math.round(car.y1 + h * 0.7);
  return { x1, y1, x2: Math.max(x1 + 1, Math.round(x1 + w * 0.2)), y2: Math.max(y1 + 1, Math.round(y1 + h * 0.1)) };
}

/** A zone polygon (0..10000) around the first target, like a user draws one. */
export function zone(rand: SimRandom): Array<{ x: number; y: number }> {
  return [
    { x: rand.int(300, 1500), y: rand.int(800, 2000) },
    { x: rand.int(5500, 7000), y: rand.int(600, 1500) },
    { x: rand.int(8500, 9600), y: rand.int(4000, 5500) },
    { x: rand.int(6500, 8000), y: rand.int(8800, 9700) },
    { x: rand.int(500, 1500), y: rand.int(8500, 9500) },
  ];
}

/** A tripwire across the frame. */
export function tripLine(rand: SimRandom): { start: { x: number; y: number }; end: { x: number; y: number } } {
  return { start: { x: rand.int(500, 1500), y: rand.int(5000, 7000) }, end: { x: rand.int(8500, 9500), y: rand.int(5000, 7000) } };
}

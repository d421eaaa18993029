// Event time: epoch `currentTime` (µs / ms / s by digit count) or the device-local `dataTime`.
import type { TimeSource } from "./types";

export interface EventTime {
  time: string;
  timestamp: number;
  timeSource: TimeSource;
}

const YEAR_2000 = Date.UTC(2000, 0, 1);
const ONE_DAY = 24 * 60 * 60 * 1000;

/** A time is possible when it is after 2000 and at most a day after receipt. */
function plausible(ms: number, receivedAt: number): boolean {
  return Number.isFinite(ms) && ms >= YEAR_2000 && ms <= receivedAt + ONE_DAY;
}

function make(ms: number, timeSource: TimeSource): EventTime {
  return { time: new Date(ms).toISOString(), timestamp: ms, timeSource };
}

export function receivedTime(receivedAt: number): EventTime {
  return make(receivedAt, "received");
}

/**
 * `currentTime` digits -> epoch ms. The digit count decides the unit, checked on the string
 * before any conversion: a 20-digit value would lose precision as a Number.
 */
export function epochToMs(digits: string): number | undefined {
  if (!/^\d+$/.test(digits)) return undefined;
  switch (digits.length) {
    case 16:
      return Math.floor(Number(digits) / 1000);
    case 13:
      return Number(digits);
    case 10:
      return Number(digits) * 1000;
    default:
      return undefined;
  }
}

/**
 * `dataTime` has no zone: `MM-DD-YYYY hh:mm:ss AM/PM` or `YYYY-MM-DD HH:MM:SS`, read in the
 * host's time zone (the camera and Node-RED normally share one).
 */
export function localToMs(text: string): number | undefined {
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  let m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})[ T](\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])?$/.exec(text);
  if (m) {
    [mo, d, y, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
    const half = m[7]?.toUpperCase();
    if (half) {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (half === "PM" ? 12 : 0);
    }
  } else {
    m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
    if (!m) return undefined;
    [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (date.getDate() !== d) return undefined; // 02-31 and friends
  return date.getTime();
}

/** The best time for a message: device epoch, else device-local, else receipt. */
export function eventTime(
  currentTime: string | undefined,
  dataTime: string | undefined,
  receivedAt: number,
): EventTime {
  if (currentTime) {
    const ms = epochToMs(currentTime);
    if (ms !== undefined && plausible(ms, receivedAt)) return make(ms, "device");
  }
  if (dataTime) {
    const ms = localToMs(dataTime);
    if (ms !== undefined && plausible(ms, receivedAt)) return make(ms, "deviceLocal");
  }
  return receivedTime(receivedAt);
}

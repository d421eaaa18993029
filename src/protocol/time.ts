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
  return { time: isoTime(ms), timestamp: ms, timeSource };
}

/** Last ms of year 9999: toISOString's plain four-digit form holds up to here. */
const MAX_PLAIN_ISO = 253402300799999;
const DAY = 86_400_000;

/**
 * `new Date(ms).toISOString()` in plain arithmetic: in a busy server that call costs microseconds
 * (a runtime call per event), this costs nanoseconds. Integers of years 1970..9999 only; anything
 * else (fractions, negative, far future) is left to Date.
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_PLAIN_ISO) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  const inDay = ms - days * DAY;
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse), March-based years.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(inDay / 3_600_000);
  const m = Math.floor(inDay / 60_000) % 60;
  const s = Math.floor(inDay / 1000) % 60;
  const ms3 = inDay % 1000;
  return `${TWO[Math.floor(year / 100)]}${TWO[year % 100]}-${TWO[month]}-${TWO[day]}T${TWO[h]}:${TWO[m]}:${TWO[s]}.${TWO[Math.floor(ms3 / 10)]}${ms3 % 10}Z`;
}

/** "00".."99": digits from a table, no number-to-string conversion per field. */
const TWO = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

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
      // Below 9e15 (every real date) the digits sum exactly, without a string-to-number call.
      return Math.floor((digits.charCodeAt(0) < 57 /* 9 */ ? sumDigits(digits) : Number(digits)) / 1000);
    case 13:
      return Number(digits);
    case 10:
      return Number(digits) * 1000;
    default:
      return undefined;
  }
}

function sumDigits(digits: string): number {
  let value = 0;
  for (let i = 0; i < digits.length; i++) value = value * 10 + digits.charCodeAt(i) - 48;
  return value;
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

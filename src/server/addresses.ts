// Address and path normalisation shared by routing, allow-lists and device matching. Every post
// normalises its peer, its MAC and its request target: the answers are memoised.
import { memoize } from "../protocol/memo";

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * A socket peer as users write it: `::ffff:1.2.3.4` (dual-stack listener) becomes `1.2.3.4`,
 * an IPv6 zone id (`%eth0`) is dropped, letters lower-cased.
 */
export function normalizeAddress(address: string | undefined): string {
  return address ? addressMemo(address) : "";
}

const addressMemo = memoize((address: string): string => {
  const trimmed = address.trim().toLowerCase();
  const zone = trimmed.indexOf("%");
  const bare = zone >= 0 ? trimmed.slice(0, zone) : trimmed;
  const mapped = MAPPED_V4.exec(bare);
  return mapped ? mapped[1] : bare;
});

/** MAC as 12 lower-case hex digits (any case and separators accepted), or "" if it is none. */
export function normalizeMac(mac: string | undefined): string {
  return mac ? macMemo(mac) : "";
}

const macMemo = memoize((mac: string): string => {
  const hex = mac.toLowerCase().replace(/[^0-9a-f]/g, "");
  return hex.length === 12 ? hex : "";
});

/**
 * Route key of a configured path: undefined = any path (`""` / `"*"`). Leading slash added,
 * trailing slashes dropped, case ignored (users type `/api` for a camera sending `/API`).
 */
export function routePathKey(path: string | undefined): string | undefined {
  const trimmed = (path ?? "/API").trim();
  if (trimmed === "" || trimmed === "*") return undefined;
  return requestPathKey(trimmed);
}

/** Same normalisation for a request's pathname. */
export function requestPathKey(pathname: string): string {
  let key = pathname.startsWith("/") ? pathname : `/${pathname}`;
  while (key.length > 1 && key.endsWith("/")) key = key.slice(0, -1);
  return key.toLowerCase();
}

/**
 * The pathname of a request target; works for origin-form (`/API`) and the NVR's absolute-form
 * (`http://192.168.0.56:5002/API`). Undefined when it cannot be parsed.
 */
export function requestPathname(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? "/", "http://x").pathname;
  } catch {
    return undefined;
  }
}

export interface RequestPath {
  pathname: string;
  /** requestPathKey of the pathname. */
  key: string;
}

/** The path of a request target, or undefined when unreadable; cameras repeat one target, so no URL parse per request. */
export function requestPath(target: string | undefined): RequestPath | undefined {
  return pathMemo(target ?? "/");
}

const pathMemo = memoize((target: string): RequestPath | undefined => {
  const pathname = requestPathname(target);
  return pathname === undefined ? undefined : { pathname, key: requestPathKey(pathname) };
}, 64);

// The camera address as users type it: "192.168.1.20", "cam.local:8080", "https://[fe80::1]:443".

export interface CameraAddress {
  protocol: "http" | "https";
  /** Host name or IP, IPv6 without brackets. */
  hostname: string;
  port: number;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
// Host names, IPv4 and bracketed IPv6 literals; nothing that could smuggle a path or userinfo.
const HOST = /^(\[[0-9a-f:.%a-z]+\]|[a-z0-9]([a-z0-9-]{0,62})?(\.[a-z0-9]([a-z0-9-]{0,62})?)*\.?)$/i;

/**
 * Parses `host[:port]` with an optional `http://` / `https://` prefix (default http, port 80/443).
 * Throws a RangeError with a human message for anything else (paths, credentials, bad ports).
 */
export function parseCameraAddress(input: string): CameraAddress {
  let rest = input.trim();
  let protocol: CameraAddress["protocol"] = "http";
  const scheme = SCHEME.exec(rest);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name !== "http" && name !== "https") throw new RangeError(`unsupported scheme "${name}": use http or https`);
    protocol = name;
    rest = rest.slice(scheme[0].length);
  }
  rest = rest.replace(/\/$/, "");
  if (rest === "") throw new RangeError("camera address is empty");
  if (/[/?#@\s]/.test(rest)) throw new RangeError("camera address must be host[:port], without path or user");
  let host = rest;
  let portText: string | undefined;
  const bracketed = /^(\[[^\]]+\])(?::(\d*))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1];
    portText = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [host, portText] = rest.split(":");
  } else if (rest.includes(":")) {
    throw new RangeError("put an IPv6 address in brackets: [fe80::1]:80");
  }
  if (!HOST.test(host)) throw new RangeError(`"${host}" is not a valid host name or IP address`);
  const port = portText === undefined ? (protocol === "https" ? 443 : 80) : Number(portText);
  if (!/^\d{1,5}$/.test(portText ?? "80") || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`port must be 1-65535`);
  }
  const hostname = host.startsWith("[") ? host.slice(1, -1) : host;
  return { protocol, hostname, port };
}

/** `host:port` for messages and the Host header (IPv6 in brackets). */
export function formatHostPort(address: CameraAddress): string {
  const host = address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname;
  return `${host}:${address.port}`;
}

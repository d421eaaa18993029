// This host's address as the camera reaches it: the local address of the route to the camera.
// A connected UDP socket picks the route and source address without sending a packet.
import * as dgram from "node:dgram";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { within } from "../within";

/** Resolves `host` (bounded by `timeoutMs`) and returns the local address toward it. */
export function localAddressToward(host: string, port: number, timeoutMs: number): Promise<string> {
  return within(routeSource(host, port), timeoutMs, `no route to ${host} found within ${timeoutMs} ms`);
}

async function routeSource(host: string, port: number): Promise<string> {
  const target = isIP(host) !== 0 ? { address: host, family: isIP(host) } : await lookup(host);
  const socket = dgram.createSocket(target.family === 6 ? "udp6" : "udp4");
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.connect(port, target.address, () => resolve());
    });
    const local = socket.address().address.replace(/%.*$/, ""); // drop an IPv6 zone id
    if (local === "" || local === "0.0.0.0" || local === "::") throw new Error(`no route to ${host}`);
    return local;
  } finally {
    socket.close();
  }
}

/** True for addresses that mean "every interface" rather than one the camera could post to. */
export function isWildcard(address: string): boolean {
  return address === "" || address === "0.0.0.0" || address === "::" || address === "::0";
}

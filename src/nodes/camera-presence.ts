// Has the camera named in viewtron-config's "camera address" posted yet? Answered from connection
// changes (a device's first post) only, so messages cost nothing. A host name is resolved once.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { parseCameraAddress } from "../camera";
import { normalizeAddress, type TrackedDevice } from "../server";
import { within } from "./within";

const LOOKUP_TIMEOUT_MS = 5_000;

export class CameraPresence {
  /** The camera's host as configured ("" = no camera configured, nothing to wait for). */
  readonly host: string;
  private readonly addresses = new Set<string>();
  private seen = false;
  private closed = false;

  /** `address` as typed in the config; an invalid one counts as none (the config warns). */
  constructor(address: string | undefined) {
    let host = "";
    try {
      host = address && address.trim() !== "" ? parseCameraAddress(address).hostname : "";
    } catch {
      host = "";
    }
    this.host = host;
    if (host !== "") this.addresses.add(normalizeAddress(host));
  }

  /** True while a camera is configured and none of its posts has arrived. */
  get waiting(): boolean {
    return this.host !== "" && !this.seen;
  }

  /** Resolves a host name to its addresses; `known` are the devices seen meanwhile. Never rejects. */
  async resolve(known: () => readonly TrackedDevice[]): Promise<boolean> {
    if (this.host === "" || isIP(this.host) !== 0) return false;
    try {
      const found = await within(lookup(this.host, { all: true }), LOOKUP_TIMEOUT_MS, "timeout");
      if (this.closed) return false;
      for (const entry of found) this.addresses.add(normalizeAddress(entry.address));
      return known().some((device) => this.observe(device));
    } catch {
      return false; // unresolvable: only a post from the literal host name's address counts
    }
  }

  /** A device came up; returns true when this ends the wait. */
  observe(device: TrackedDevice): boolean {
    if (!this.waiting) return false;
    const ip = normalizeAddress(device.identity.ip);
    if (this.addresses.has(normalizeAddress(device.remoteAddress)) || (ip !== "" && this.addresses.has(ip))) {
      this.seen = true;
      return true;
    }
    return false;
  }

  close(): void {
    this.closed = true;
  }
}

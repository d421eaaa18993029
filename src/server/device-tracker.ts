// Per-port record of every device that posted: first / last seen, interval, post count, identity.
// Identity comes from the body (mac, else serial); posts without identity (older IPC events)
// belong to the device last identified on the same socket, else the last one identified from the
// same address, else to the address itself.
import type { Socket } from "node:net";
import type { Device } from "../protocol/types";
import { memoize } from "../protocol/memo";
import { normalizeMac } from "./addresses";
import type { TrackedDevice } from "./types";

/** Bound on remembered devices, so spoofed identities cannot grow memory without end. */
const MAX_DEVICES = 1024;

/** `mac:<hex>` or `sn:<serial>`; all-zero / all-F MACs (placeholders) are no identity. */
export function identityKey(device: Device | undefined): string | undefined {
  return (device?.mac ? macKey(device.mac) : undefined) ?? (device?.serial ? serialKey(device.serial) : undefined);
}

// A camera's posts repeat its MAC or serial: keys are memoised, which also hands out the same
// key string each time, cheap to look up in the maps below.
const macKey = memoize((raw: string): string | undefined => {
  const mac = normalizeMac(raw);
  return mac !== "" && !/^(0{12}|f{12})$/.test(mac) ? `mac:${mac}` : undefined;
});

const serialKey = memoize((raw: string): string | undefined => {
  const serial = raw.trim();
  return serial ? `sn:${serial}` : undefined;
});

export class DeviceTracker {
  private readonly records = new Map<string, TrackedDevice>();
  private readonly socketKeys = new WeakMap<Socket, string>();
  /** Last identified device per address: a camera that reconnects and sends an empty heartbeat. */
  private readonly addressKeys = new Map<string, string>();
  /** Records keyed by address (devices not identified yet); while none exist, nothing is adopted. */
  private anonymous = 0;

  get(key: string): TrackedDevice | undefined {
    return this.records.get(key);
  }

  get size(): number {
    return this.records.size;
  }

  /** Notes one accepted post and returns the device's (live) record. */
  observe(device: Device | undefined, remoteAddress: string, socket: Socket, now: number): TrackedDevice {
    let key = identityKey(device);
    if (key === undefined) {
      key = this.socketKeys.get(socket) ?? this.addressKeys.get(remoteAddress) ?? `addr:${remoteAddress}`;
    } else {
      // Written only when they change: a camera's posts all say the same.
      if (this.socketKeys.get(socket) !== key) this.socketKeys.set(socket, key);
      if (this.addressKeys.get(remoteAddress) !== key) {
        if (this.addressKeys.size >= MAX_DEVICES) this.addressKeys.clear();
        this.addressKeys.set(remoteAddress, key);
      }
      if (this.anonymous > 0) this.adoptAnonymous(`addr:${remoteAddress}`, key);
    }
    let record = this.records.get(key);
    if (record === undefined) {
      record = { key, identity: {}, remoteAddress, firstSeen: now, lastSeen: now, posts: 0 };
      this.records.set(key, record);
      if (key.startsWith("addr:")) this.anonymous++;
      this.evictOldest();
    } else {
      record.intervalMs = Math.max(0, now - record.lastSeen);
      record.lastSeen = now;
    }
    record.posts += 1;
    record.remoteAddress = remoteAddress;
    if (device !== undefined) mergeIdentity(record.identity, device);
    return record;
  }

  clear(): void {
    this.records.clear();
    this.addressKeys.clear();
    this.anonymous = 0;
  }

  /** A device first seen without identity, then identified: one device, not two. */
  private adoptAnonymous(addressKey: string, key: string): void {
    const anonymous = this.records.get(addressKey);
    if (anonymous === undefined) return;
    this.records.delete(addressKey);
    this.anonymous--;
    const known = this.records.get(key);
    if (known === undefined) {
      this.records.set(key, { ...anonymous, key });
    } else {
      known.firstSeen = Math.min(known.firstSeen, anonymous.firstSeen);
      known.posts += anonymous.posts;
      known.lastSeen = Math.max(known.lastSeen, anonymous.lastSeen);
    }
  }

  private evictOldest(): void {
    if (this.records.size <= MAX_DEVICES) return;
    let oldest: TrackedDevice | undefined;
    for (const record of this.records.values()) {
      if (oldest === undefined || record.lastSeen < oldest.lastSeen) oldest = record;
    }
    if (oldest !== undefined && this.records.delete(oldest.key) && oldest.key.startsWith("addr:")) this.anonymous--;
  }
}

function mergeIdentity(target: Device, source: Device): void {
  // Spelled out: a loop over field names makes every access a generic (megamorphic) lookup.
  if (source.name) target.name = source.name;
  if (source.ip) target.ip = source.ip;
  if (source.mac) target.mac = source.mac;
  if (source.serial) target.serial = source.serial;
  if (source.number) target.number = source.number;
  if (source.model) target.model = source.model;
}

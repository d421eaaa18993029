// "This config stands for one device": match a tracked device against the configured identity.
import { normalizeAddress, normalizeMac } from "./addresses";
import type { DeviceFilter, TrackedDevice } from "./types";

export type DeviceMatcher = (device: TrackedDevice) => boolean;

const ANY: DeviceMatcher = () => true;

/**
 * Every non-empty field must match. The identity is the merged one (a MAC learned from the
 * heartbeat also matches the camera's later posts that carry none). Address: the socket peer or
 * the `ip` the device reports. Serial and name: trimmed, case ignored.
 */
export function deviceMatcher(filter: DeviceFilter | undefined): DeviceMatcher {
  const address = normalizeAddress(filter?.address);
  const macText = filter?.mac?.trim() ?? "";
  const mac = normalizeMac(macText) || macText.toLowerCase();
  const serial = filter?.serial?.trim().toLowerCase() ?? "";
  const name = filter?.name?.trim().toLowerCase() ?? "";
  if (!address && !mac && !serial && !name) return ANY;
  return (device) => {
    const id = device.identity;
    if (address && address !== device.remoteAddress && address !== normalizeAddress(id.ip)) return false;
    if (mac && mac !== normalizeMac(id.mac)) return false;
    if (serial && serial !== (id.serial ?? "").trim().toLowerCase()) return false;
    if (name && name !== (id.name ?? "").trim().toLowerCase()) return false;
    return true;
  };
}

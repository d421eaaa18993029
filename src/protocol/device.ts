// Device identity: the names differ per message kind and format (PROTOCOL.md 2.3).
import { child, type XmlEl } from "./xml-el";
import { strOf, numOf } from "./read";
import type { Device } from "./types";

/** Adds every identity element this container holds, under any of its known spellings. */
function readIdentity(node: XmlEl | undefined, device: Device): Device {
  if (node === undefined) return device;
  const name = strOf(node, "deviceName", "DeviceName");
  const ip = strOf(node, "ip", "ipAddress", "IP", "ipaddress");
  const mac = strOf(node, "mac", "macAddress", "MAC", "macaddress");
  const serial = strOf(node, "sn", "SN");
  const number = strOf(node, "deviceNo.", "DeviceNo.");
  const model = strOf(node, "model", "deviceModel");
  const channel = numOf(node, "channelId", "channelID", "chlId");
  const channelName = strOf(node, "channelName", "chlName");
  if (name !== undefined) device.name = name;
  if (ip !== undefined) device.ip = ip;
  if (mac !== undefined) device.mac = mac;
  if (serial !== undefined) device.serial = serial;
  if (number !== undefined) device.number = number;
  if (model !== undefined) device.model = model;
  if (channel !== undefined) device.channel = channel;
  if (channelName !== undefined) device.channelName = channelName;
  return device;
}

/** Identity from the root (IPC events, `DeviceInfo` heartbeats) and its `deviceInfo` block. */
export function readDevice(root: XmlEl, remoteAddress?: string): Device {
  // deviceInfo's values win over the root's (the NVR's own block), as in a merge of the two.
  const device = readIdentity(child(root, "deviceInfo"), readIdentity(root, {}));
  if (remoteAddress !== undefined) device.remoteAddress = remoteAddress;
  return device;
}

/** Element names consumed as identity (kept out of `extra`). */
export const IDENTITY_NAMES = [
  "deviceInfo", "deviceName", "DeviceName", "ip", "ipAddress", "IP", "ipaddress", "mac", "macAddress",
  "MAC", "macaddress", "sn", "SN", "deviceNo.", "DeviceNo.", "model", "deviceModel", "channelId",
  "channelID", "chlId", "channelName", "chlName",
];

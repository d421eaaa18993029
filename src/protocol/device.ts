// Device identity: the names differ per message kind and format (PROTOCOL.md 2.3).
import { child, type XmlNode } from "./xml";
import { strOf, numOf, type Ctx } from "./read";
import type { Device } from "./types";

/** Every identity element this container holds, under any of its known spellings. */
function readIdentity(ctx: Ctx, node: XmlNode | undefined): Device {
  const device: Device = {};
  const name = strOf(ctx, node, "deviceName", "DeviceName");
  const ip = strOf(ctx, node, "ip", "ipAddress", "IP", "ipaddress");
  const mac = strOf(ctx, node, "mac", "macAddress", "MAC", "macaddress");
  const serial = strOf(ctx, node, "sn", "SN");
  const number = strOf(ctx, node, "deviceNo.", "DeviceNo.");
  const model = strOf(ctx, node, "model", "deviceModel");
  const channel = numOf(ctx, node, "channelId", "channelID", "chlId");
  const channelName = strOf(ctx, node, "channelName", "chlName");
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
export function readDevice(ctx: Ctx, root: XmlNode, remoteAddress?: string): Device {
  const device: Device = { ...readIdentity(ctx, root), ...readIdentity(ctx, child(root, "deviceInfo")) };
  if (remoteAddress !== undefined) device.remoteAddress = remoteAddress;
  return device;
}

/** Element names consumed as identity (kept out of `extra`). */
export const IDENTITY_NAMES = [
  "deviceInfo", "deviceName", "DeviceName", "ip", "ipAddress", "IP", "ipaddress", "mac", "macAddress",
  "MAC", "macaddress", "sn", "SN", "deviceNo.", "DeviceNo.", "model", "deviceModel", "channelId",
  "channelID", "chlId", "channelName", "chlName",
];

// Element names of the webhook vocabulary, so the scanner can hand out the one shared string for
// a known name instead of slicing a new one: no allocation per element, and name lookups by the
// readers (and their maps and sets) compare and hash interned strings. Unknown names are sliced.

const NAMES = [
  // envelope and identity
  "config", "DeviceInfo", "deviceInfo", "messageType", "smartType", "currentTime", "dataTime", "relativeTime",
  "types", "subscribeRelation", "subscribeRelationV1", "subscribeOption", "openAlarmObj", "openAlramObj",
  "perStatus", "enum", "item", "deviceName", "DeviceName", "deviceNo.", "DeviceNo.", "ip", "ipAddress", "IP",
  "ipaddress", "mac", "macAddress", "MAC", "macaddress", "sn", "SN", "model", "deviceModel", "channelId",
  "channelID", "chlId", "channelName", "chlName",
  // events, targets, geometry
  "targetType", "targetId", "eventId", "status", "perimeter", "perInfo", "tripwire", "tripInfo", "boundary",
  "point", "pointGroup", "line", "startPoint", "endPoint", "directionLine", "rect", "x", "y", "X", "Y", "x1",
  "y1", "x2", "y2", "width", "height", "Width", "Height", "listInfo", "plateCount", "vsd", "eventInfo",
  "targetListInfo", "licensePlateListInfo", "faceListInfo", "traject", "trajectlength", "velocity", "direction",
  // plates, vehicles, faces
  "image", "vehiceId", "vehicleId", "plateNumber", "plateCharCount", "vehicleDirect", "vehicleListType",
  "PlateWidth", "PlateHeight", "SourceImageWidth", "SourceImageHeight", "leftTop", "rightTop", "leftBottom",
  "rightBottom", "PlateConfidence", "plateColor", "plateColorRate", "plateStyle", "vehiceColor", "plateAngleH",
  "plateAngleV", "province", "carAttr", "carRect", "color", "type", "brand", "licensePlateAttribute",
  "licensePlateNumber", "licensePlateMatchInfo", "groupName", "group", "carOwner", "owner", "confidence",
  "carAttribute", "carType", "age", "sex", "glasses", "mask",
  // images
  "sourceDataInfo", "targetImageData", "dataType", "sourceBase64Data", "targetBase64Data", "sourceBase64Length",
  "targetBase64Length",
  // alarm status
  "alarmStatusInfo", "perimeterAlarm", "tripwireAlarm", "vehiceAlarm", "vehicleAlarm", "VFDAlarm", "vfdAlarm",
  "passlineAlarm", "aoiEntryAlarm", "aoiLeaveAlarm", "motionAlarm", "sensorAlarm", "sensorAlarmIn",
];

const SIZE = 512; // a power of two, at least twice the names
const table: Array<string | undefined> = new Array<string | undefined>(SIZE).fill(undefined);

/** The scanner's running hash of a name's character codes (computed while it finds the name's end). */
export function nameHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

for (const name of NAMES) {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = nameHash(hash, name.charCodeAt(i));
  let slot = hash & (SIZE - 1);
  while (table[slot] !== undefined && table[slot] !== name) slot = (slot + 1) & (SIZE - 1);
  table[slot] = name;
}

/** The shared string for the name at [start, end) of `text` with hash `hash`, if it is a known one. */
export function knownName(text: string, start: number, end: number, hash: number): string | undefined {
  const length = end - start;
  for (let slot = hash & (SIZE - 1); ; slot = (slot + 1) & (SIZE - 1)) {
    const name = table[slot];
    if (name === undefined) return undefined;
    if (name.length === length && sameChars(text, start, name)) return name;
  }
}

function sameChars(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
  return true;
}

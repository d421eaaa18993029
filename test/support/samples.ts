// Small webhook bodies for listener tests, written after the shapes in PROTOCOL.md (no fixture files needed).

const nvrDevice = (mac: string, name: string): string =>
  `<deviceInfo><deviceName><![CDATA[${name}]]></deviceName><ip><![CDATA[192.168.1.50]]></ip>` +
  `<mac><![CDATA[${mac}]]></mac></deviceInfo>`;

/** NVR heartbeat (config 2.0.0, messageType keepalive). */
export function nvrKeepalive(mac = "58:5B:69:40:F4:0D", name = "Gate"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<config version="2.0.0" xmlns="http://www.ipc.com/ver10">` +
    `<messageType>keepalive</messageType>${nvrDevice(mac, name)}</config>`;
}

/** NVR alarm status (perimeter alarm on/off). */
export function nvrAlarm(active: boolean, mac = "58:5B:69:40:F4:0D", name = "Gate"): string {
  return `<config version="2.0.0" xmlns="http://www.ipc.com/ver10"><messageType>alarmStatus</messageType>` +
    `${nvrDevice(mac, name)}<currentTime>1772212633000000</currentTime>` +
    `<alarmStatusInfo><perimeterAlarm><item id="1">${active}</item></perimeterAlarm></alarmStatusInfo></config>`;
}

/** IPC plate event without identity (like the older samples), no xml declaration. */
export function ipcPlate(plate: string): string {
  return `<config version="1.7" xmlns="http://www.ipc.com/ver10">` +
    `<smartType type="openAlramObj">VEHICE</smartType><currentTime type="tint64">1732045234584193</currentTime>` +
    `<listInfo type="list" count="1"><item><plateNumber type="string"><![CDATA[${plate}]]></plateNumber>` +
    `<vehicleListType type="string">whiteList</vehicleListType></item></listInfo></config>`;
}

/** IPC heartbeat of the older form: root DeviceInfo. */
export function deviceInfoHeartbeat(mac = "58:5B:69:5A:84:BB"): string {
  return `<?xml version="1.0" encoding="utf-8" ?><DeviceInfo><DeviceName>Device Name</DeviceName>` +
    `<SN><![CDATA[N1234]]></SN><ipAddress>192.168.1.108</ipAddress><macAddress>${mac}</macAddress></DeviceInfo>`;
}

/** IPC 1.7 heartbeat (API 2.1 firmware), no declaration. */
export function ipc17Keepalive(mac = "58:5B:69:5A:84:BC"): string {
  return `<config version="1.7" xmlns="http://www.ipc.com/ver10"><messageType>keepalive</messageType>` +
    `<deviceInfo><deviceName><![CDATA[Viewtron IPC]]></deviceName><mac><![CDATA[${mac}]]></mac></deviceInfo></config>`;
}

/** A configuration-API reply: well-formed XML but no webhook ("unknown-document"). */
export const CONFIG_REPLY = `<?xml version="1.0" encoding="UTF-8"?><config version="1.0" status="success" errorCode="0"/>`;

export const DOCTYPE_BODY = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><config>&lol;</config>`;

export const MALFORMED_BODY = `<config version="2.0.0"><messageType>alarmData</messageType><smartType>vehicle`;

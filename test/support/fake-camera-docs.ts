// XML documents the fake camera answers with, written for the tests (shaped like PROTOCOL.md 6,
// not copied from the vendor samples).

export interface FakeSlot {
  urlId: number;
  switch: boolean;
  protocol: string;
  domain: string;
  port: number;
  path: string;
  authentication: string;
  heatBeatSwitch: boolean;
  keepaliveTimeval: number;
  dataTypes: string[];
  events: string[];
}

export interface FakeV1Target {
  bSwitch: boolean;
  serverIp: string;
  serverPort: number;
  URL: string;
  keepaliveTimeval: number;
}

export interface FakeAlarm {
  name: string;
  id?: string;
  active: boolean;
}

const NS = 'xmlns="http://www.ipc.com/ver10"';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const cd = (text: string): string => `<![CDATA[${text}]]>`;

export function deviceInfoDoc(api: "v1" | "v2", identity: { model: string; mac: string; serial: string; firmware: string }): string {
  const version = api === "v2" ? "2.0.0" : "1.0";
  const apiLine = api === "v2" ? `    <apiVersion type="string">${cd("2.0.0")}</apiVersion>\n` : "";
  return `${HEAD}<config version="${version}" ${NS}>
  <deviceInfo>
    <deviceName type="string">${cd("Fake Cam")}</deviceName>
    <model type="string">${cd(identity.model)}</model>
    <brand type="string">${cd("Viewtron")}</brand>
    <deviceDescription type="string">${cd("IPCamera")}</deviceDescription>
${apiLine}    <softwareVersion type="string">
      ${cd(identity.firmware)}
    </softwareVersion>
    <mac type="string">${cd(identity.mac)}</mac>
    <sn type="string">${cd(identity.serial)}</sn>
    <chlMaxCount type="uint32">1</chlMaxCount>
    <supportSDCard type="boolean">true</supportSDCard>
  </deviceInfo>
</config>
`;
}

function v1Block(v1: FakeV1Target): string {
  return `  <httpPost>
    <bSwitch type="boolean">${v1.bSwitch}</bSwitch>
    <protocolType>${cd("API")}</protocolType>
    <serverIp>${cd(v1.serverIp)}</serverIp>
    <serverPort>${v1.serverPort}</serverPort>
    <keepaliveTimeval>${v1.keepaliveTimeval}</keepaliveTimeval>
    <onlineStatus type="boolean">false</onlineStatus>
    <URL>${cd(v1.URL)}</URL>
  </httpPost>
`;
}

function list(name: string, values: string[], indent: string): string {
  const entries = values.map((v) => `${indent}  <item>${v}</item>\n`).join("");
  return `${indent}<${name} type="list" count="${values.length}">\n${entries}${indent}</${name}>\n`;
}

function slotBlock(s: FakeSlot, dataTypeElement: string): string {
  const i = "          ";
  return `        <item>
${i}<urlId>${s.urlId}</urlId>
${i}<switch>${s.switch}</switch>
${i}<url>
${i}  <protocol>${s.protocol}</protocol>
${i}  <domain>${cd(s.domain)}</domain>
${i}  <port>${s.port}</port>
${i}  <path>${cd(s.path)}</path>
${i}  <authentication>${s.authentication}</authentication>
${i}</url>
${i}<heatBeatSwitch>${s.heatBeatSwitch}</heatBeatSwitch>
${i}<keepaliveTimeval>${s.keepaliveTimeval}</keepaliveTimeval>
${list(dataTypeElement, s.dataTypes, i)}${list("subscriptionEvents", s.events, i)}        </item>
`;
}

export function httpPostDoc(v1: FakeV1Target | undefined, slots: FakeSlot[] | undefined, dataTypeElement: string): string {
  let body = v1 ? v1Block(v1) : "";
  if (slots) {
    body += `  <httpPostV2>
    <postUrlConf>
      <urlList type="list" count="${slots.length}" maxCount="3">
${slots.map((s) => slotBlock(s, dataTypeElement)).join("")}      </urlList>
    </postUrlConf>
  </httpPostV2>
`;
  }
  return `${HEAD}<config version="1.7" ${NS}>\n${body}</config>\n`;
}

export function alarmStatusDoc(alarms: FakeAlarm[]): string {
  const lines = alarms
    .map((a) => `    <${a.name} type="boolean"${a.id === undefined ? "" : ` id="${a.id}"`}>${a.active}</${a.name}>\n`)
    .join("");
  return `${HEAD}<config version="1.0" ${NS}>\n  <alarmStatusInfo>\n${lines}  </alarmStatusInfo>\n</config>\n`;
}

export const SUCCESS_DOC = `${HEAD}<config status="success"/>\n`;

export function errorDoc(code: number, desc?: string): string {
  return `${HEAD}<config status="failed" errorCode="${code}"${desc === undefined ? "" : ` errorDesc="${desc}"`}/>\n`;
}

export const HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>Router login</title></head><body><h1>Welcome</h1></body></html>\n";

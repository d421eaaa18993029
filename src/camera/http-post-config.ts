// Typed view of a GetHttpPostConfig reply (PROTOCOL.md 6.3), with the raw tree kept beside it
// so a later Set can send back everything the camera returned.
import { at, child, childNames, items, attr, type XmlDocument, type XmlElement, type XmlNode } from "../protocol/xml";
import { str } from "../protocol/read";

/** `httpPost`: the single v1 target. Names as the camera spells them. */
export interface HttpPostV1 {
  bSwitch?: boolean;
  protocolType?: string;
  serverIp?: string;
  serverPort?: number;
  keepaliveTimeval?: number;
  URL?: string;
  /** Read-only connection state. */
  onlineStatus?: boolean;
}

/** One `httpPostV2/postUrlConf/urlList/item`. */
export interface HttpPostSlot {
  urlId: number;
  switch: boolean;
  protocol?: string;
  domain?: string;
  port?: number;
  path?: string;
  authentication?: string;
  heatBeatSwitch?: boolean;
  keepaliveTimeval?: number;
  /** The data-type list's element name as returned: `subscribeDateType` (sic) or `subDataType` (API 2.1). */
  dataTypeElement: string;
  dataTypes: string[];
  subscriptionEvents: string[];
}

export interface HttpPostV2 {
  /** `urlList@maxCount`, 3 when absent. */
  maxCount: number;
  urlList: HttpPostSlot[];
}

export interface HttpPostConfig {
  /** `<config version>` of the reply. */
  configVersion?: string;
  httpPost?: HttpPostV1;
  httpPostV2?: HttpPostV2;
  /** The whole reply as parsed; plain JSON, safe to hand to the editor and back. */
  raw: XmlDocument;
}

export const DATA_TYPE_ELEMENTS = ["subscribeDateType", "subDataType", "subscribeDataType"];
const DEFAULT_MAX_SLOTS = 3;

export function readHttpPostConfig(doc: XmlDocument): HttpPostConfig {
  const config: HttpPostConfig = { raw: doc };
  const version = attr(doc.root, "version");
  if (version !== undefined) config.configVersion = version;
  const v1 = child(doc.root, "httpPost");
  if (v1 !== undefined) config.httpPost = readV1(v1);
  const v2 = child(doc.root, "httpPostV2");
  if (v2 !== undefined) {
    const list = at(v2, "postUrlConf", "urlList");
    const maxCount = Number(attr(list, "maxCount"));
    config.httpPostV2 = {
      maxCount: Number.isInteger(maxCount) && maxCount > 0 ? maxCount : DEFAULT_MAX_SLOTS,
      urlList: items(list).map((item, index) => readSlot(item, index)),
    };
  }
  return config;
}

function readV1(node: XmlNode): HttpPostV1 {
  const text = (name: string): string | undefined => str(child(node, name));
  return compact({
    bSwitch: bool(text("bSwitch")),
    protocolType: text("protocolType"),
    serverIp: text("serverIp"),
    serverPort: int(text("serverPort")),
    keepaliveTimeval: int(text("keepaliveTimeval")),
    URL: text("URL"),
    onlineStatus: bool(text("onlineStatus")),
  });
}

function readSlot(item: XmlElement, index: number): HttpPostSlot {
  const text = (...path: string[]): string | undefined => str(at(item, ...path));
  const dataTypeElement = dataTypeElementOf(item);
  const list = (name: string): string[] =>
    items(child(item, name)).map((entry) => str(entry)).filter((v): v is string => v !== undefined);
  return compact({
    urlId: int(text("urlId")) ?? index + 1,
    switch: bool(text("switch")) ?? false,
    protocol: text("url", "protocol"),
    domain: text("url", "domain"),
    port: int(text("url", "port")),
    path: text("url", "path"),
    authentication: text("url", "authentication"),
    heatBeatSwitch: bool(text("heatBeatSwitch")),
    keepaliveTimeval: int(text("keepaliveTimeval")),
    dataTypeElement,
    dataTypes: list(dataTypeElement),
    subscriptionEvents: list("subscriptionEvents"),
  });
}

/** The data-type list name an item uses (default the documented, misspelt `subscribeDateType`). */
export function dataTypeElementOf(item: XmlNode | undefined): string {
  const names = childNames(item);
  return DATA_TYPE_ELEMENTS.find((name) => names.includes(name)) ?? DATA_TYPE_ELEMENTS[0];
}

export function bool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const value = text.toLowerCase();
  return value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : undefined;
}

export function int(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** Drops undefined properties so results compare and serialise cleanly. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

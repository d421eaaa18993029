// Element tree (as parsed by src/protocol/xml) -> XML text, for Set requests that must carry
// back everything the camera returned.
import { rawText, type XmlNode } from "../protocol/xml";

export const CONFIG_NAMESPACE = "http://www.ipc.com/ver10";

/** Text the camera returns as CDATA (host names and paths); written back the same way. */
const CDATA_NAMES = new Set(["domain", "path", "serverIp", "URL", "protocolType"]);

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

/** CDATA section; a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.split("]]>").join("]]]]><![CDATA[>")}]]>`;
}

/** `<config version=… xmlns=…>inner</config>` with the XML declaration. */
export function configDocument(version: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<config version="${escapeAttribute(version)}" xmlns="${CONFIG_NAMESPACE}">\n${inner}</config>\n`;
}

/** One element and its subtree, indented two spaces per level. */
export function writeElement(name: string, node: XmlNode, indent = ""): string {
  if (typeof node === "string") return `${indent}<${name}>${textOf(name, rawText(node) ?? "")}</${name}>\n`;
  let attributes = "";
  const children: string[] = [];
  for (const key of Object.keys(node)) {
    if (key.startsWith("@_")) {
      const value = node[key];
      if (typeof value === "string") attributes += ` ${key.slice(2)}="${escapeAttribute(value)}"`;
    } else if (key !== "#text") {
      const value = node[key];
      for (const childNode of Array.isArray(value) ? value : [value]) {
        children.push(writeElement(key, childNode, `${indent}  `));
      }
    }
  }
  const text = rawText(node) ?? "";
  if (children.length === 0) {
    return text === "" ? `${indent}<${name}${attributes}/>\n` : `${indent}<${name}${attributes}>${textOf(name, text)}</${name}>\n`;
  }
  return `${indent}<${name}${attributes}>\n${children.join("")}${indent}</${name}>\n`;
}

function textOf(name: string, text: string): string {
  return CDATA_NAMES.has(name) ? cdata(text) : escapeText(text);
}

// The bare baseline: a plain Node `http` server that reads each body, sends the success reply and
// base64-decodes the images found by indexOf. No XML parsing, no framework: the floor our stack is
// compared with. Deliveries (body read and images decoded) go to the shared recorder.
import { createServer, type Server } from "node:http";
import { SUCCESS_REPLY, SUCCESS_REPLY_CONTENT_TYPE } from "../../src/protocol/reply";
import { recorder } from "./stats";

const REPLY = Buffer.from(SUCCESS_REPLY, "utf8");
const BASE64_NAME = Buffer.from("Base64Data");
const STAMP_OPEN = Buffer.from("<benchSent>");
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** Decodes the text of every `<...Base64Data>` element; returns the number of JPEG bytes. */
export function decodeImages(body: Buffer): number {
  let bytes = 0;
  let at = body.indexOf(BASE64_NAME);
  while (at >= 0) {
    const open = body.lastIndexOf(LT, at);
    const close = body.indexOf(GT, at);
    if (close < 0) break;
    let next = close + 1;
    if (open >= 0 && body[open + 1] !== SLASH && body[close - 1] !== SLASH) {
      const end = body.indexOf(LT, close + 1);
      if (end < 0) break;
      bytes += Buffer.from(body.toString("latin1", close + 1, end), "base64").length;
      next = end;
    }
    at = body.indexOf(BASE64_NAME, next);
  }
  return bytes;
}

/** The `<benchSent>` value, NaN when absent. */
export function stampOf(body: Buffer): number {
  const at = body.indexOf(STAMP_OPEN);
  if (at < 0) return NaN;
  const start = at + STAMP_OPEN.length;
  const end = body.indexOf(LT, start);
  return end < 0 ? NaN : Number(body.toString("latin1", start, end));
}

export function startBaseline(port: number): Promise<Server> {
  const server = createServer({ requireHostHeader: false, keepAliveTimeout: 150_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on("end", () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      res.writeHead(200, { "Content-Type": SUCCESS_REPLY_CONTENT_TYPE, "Content-Length": REPLY.length });
      res.end(REPLY);
      decodeImages(body);
      recorder.delivered(stampOf(body));
    });
  });
  server.keepAliveTimeout = 150_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

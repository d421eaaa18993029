// Damage to the request head instead of the body: method, target, version, header lines, line
// ends. Content-Length stays single and right, so a reply always belongs to this request (a
// head the parser cannot finish is cut by the configured headers timeout with 408).
import { Rng } from "./rng";

const METHODS = ["POST", "post", "GET", "PUT", "DELETE", "OPTIONS", "PATCH", "P OST", "POST\u0000", "POSTPOST", "", "POST".repeat(300)];
const TARGETS = [
  "/API", "/api", "/API/", "/API?x=1&y", "/API#frag", "http://camera.local/API", "http://[::1]:80/API", "//API", "*", "/%00",
  "/%ZZ", "/A PI", "/A\u0001PI", "/A\u00e9PI", "/../API", "/API/../API", "", "/" + "A".repeat(20_000), "/" + "B".repeat(4000),
];
const VERSIONS = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTX/1.1", "http/1.1", "HTTP/1.1 ", "HTTP/11", ""];
const HEADER_LINES = [
  "X Y: 1", "X-Y : 1", ": empty-name", "Garbage", "X-Y: a\u0000b", "X-Y: a\u007fb", "X-Y: a\u00e9b", " folded: continuation",
  "X-Y: a\r\n b", "Expect: 100-continue", "Expect: nothing", "Connection: close", "Connection: keep-alive", "Connection: Upgrade\r\nUpgrade: websocket",
  "Host: a\r\nHost: b", "Authorization: Basic !!!", "Authorization: Digest x", "Content-Type: text/html", "Content-Type: \u00ff",
  "Content-Encoding: gzip", "Keep-Alive: timeout=0", "X-Long: " + "v".repeat(20_000), "X-Many: 1\r\n".repeat(3000) + "X-End: 1",
];

export interface HeadCase {
  id: string;
  /** The whole request: damaged head, then the fixture body. */
  body: Buffer;
  notes: string[];
}

/** The request for `body` with a damaged head. */
export function makeHeadCase(seed: number, seedId: string, body: Buffer, index: number): HeadCase {
  const rng = Rng.forCase(seed, `head:${seedId}`, index);
  let method = "POST";
  let target = "/API";
  let version = "HTTP/1.1";
  const extra: string[] = [];
  const notes: string[] = [];
  let lineEnds: "crlf" | "damaged" = "crlf";
  for (let n = 1 + rng.sized(3); n > 0; n--) {
    switch (rng.int(0, 5)) {
      case 0: method = rng.pick(METHODS); notes.push(`method ${JSON.stringify(method.slice(0, 12))}`); break;
      case 1: target = rng.pick(TARGETS); notes.push(`target ${JSON.stringify(target.slice(0, 24))}`); break;
      case 2: version = rng.pick(VERSIONS); notes.push(`version ${JSON.stringify(version)}`); break;
      case 3: case 4: {
        const line = rng.pick(HEADER_LINES);
        extra.push(line);
        notes.push(`header ${JSON.stringify(line.slice(0, 24))}`);
        break;
      }
      default: lineEnds = "damaged"; notes.push("line ends");
    }
  }
  let line = `${method} ${target} ${version}`;
  if (rng.chance(0.15)) {
    const bytes = Buffer.from(line, "latin1");
    const at = rng.int(0, bytes.length - 1);
    bytes[at] ^= 1 << rng.int(0, 7);
    line = bytes.toString("latin1");
    notes.push(`request-line bitflip@${at}`);
  }
  const lines = [line, "Host: 127.0.0.1", ...extra, "Content-Type: application/xml", `Content-Length: ${body.length}`];
  let head = `${lines.join("\r\n")}\r\n\r\n`;
  if (lineEnds === "damaged") {
    const ends = [...head.matchAll(/\r\n/g)].map((m) => m.index);
    const at = rng.pick(ends);
    const replacement = rng.pick(["\n", "\r", "\r\r\n", "\n\r", " \r\n"]);
    head = head.slice(0, at) + replacement + head.slice(at + 2);
    notes.push(`crlf@${at}->${JSON.stringify(replacement)}`);
  }
  return { id: `${seedId}#${index}`, body: Buffer.concat([Buffer.from(head, "latin1"), body]), notes };
}

// Body bytes -> the text the scanner reads. A large body is mostly base64 images: turning those
// megabytes into a JS string (and letting the scanner walk them) is most of what parsing it
// would cost. So long text runs that are plain ASCII stay in the Buffer as "holes"; the scanner
// checks that each hole really is element text (else the caller scans the whole text) and the
// image reader decodes straight from the bytes.
import { isAscii } from "node:buffer";
import { isSpace, type Hole, type XmlSource } from "./xml-el";

/** Below this a body is converted whole: small bodies gain nothing. */
const MIN_BODY_BYTES = 32 * 1024;
/** Shorter runs stay in the text. */
const MIN_RUN_BYTES = 4 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const BRACKET = 0x5d;
const CDATA_OPEN = Buffer.from("<![CDATA[");
const CDATA_CLOSE = Buffer.from("]]>");

/** Body bytes -> text: UTF-8, BOM removed. */
export function bodyText(body: string | Buffer): string {
  const text = typeof body === "string" ? body : body.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The body as text with its long runs left in the bytes, or undefined when it has none. */
export function holedSource(body: Buffer): XmlSource | undefined {
  if (body.length < MIN_BODY_BYTES) return undefined;
  const runs = longRuns(body);
  if (runs.length === 0) return undefined;
  const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  const holes: Hole[] = [];
  let length = 0;
  let from = bom;
  for (const [start, end] of runs) {
    // Runs are ASCII, so cutting there never splits a UTF-8 sequence.
    const part = body.toString("utf8", from, start);
    parts.push(part);
    length += part.length;
    holes.push({ at: length, bytes: body, start, end });
    from = end;
  }
  parts.push(body.toString("utf8", from));
  return { text: parts.join(""), holes };
}

/**
 * Text runs of at least MIN_RUN_BYTES after a tag's `>` or inside CDATA, up to the next `<`:
 * ASCII only, without `&` (entities) or `]` (a CDATA end), and not only whitespace. Found with
 * native searches; a run that is no element text after all is caught by the scanner.
 */
function longRuns(body: Buffer): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let nextAmp = -1;
  let nextBracket = -1;
  const clean = (start: number, end: number): boolean => {
    if (nextAmp < start) nextAmp = indexOrEnd(body, AMP, start);
    if (nextBracket < start) nextBracket = indexOrEnd(body, BRACKET, start);
    if (nextAmp < end || nextBracket < end || !isAscii(body.subarray(start, end))) return false;
    for (let i = start; i < end; i++) if (!isSpace(body[i])) return true;
    return false;
  };
  for (let lt = body.indexOf(LT); lt >= 0; ) {
    const nextLt = body.indexOf(LT, lt + 1);
    const limit = nextLt < 0 ? body.length : nextLt;
    if (limit - lt > MIN_RUN_BYTES) {
      // Searches stay inside this gap, so hostile bodies cannot make them quadratic.
      const gap = body.subarray(lt, limit);
      const cdata = gap.subarray(0, CDATA_OPEN.length).equals(CDATA_OPEN);
      const open = cdata ? CDATA_OPEN.length : gap.indexOf(GT) + 1;
      const close = cdata ? gap.indexOf(CDATA_CLOSE, open) : gap.length;
      if (open > 0 && close >= 0 && close - open >= MIN_RUN_BYTES && clean(lt + open, lt + close)) {
        runs.push([lt + open, lt + close]);
      }
    }
    lt = nextLt;
  }
  return runs;
}

function indexOrEnd(body: Buffer, byte: number, from: number): number {
  const found = body.indexOf(byte, from);
  return found < 0 ? body.length : found;
}

// A small, strict XML scanner for webhook bodies: one pass, native indexOf hops between
// markup, so a 600 KB base64 text node costs a hop, not a character walk. It builds the lazy
// element tree of xml-el.ts; `scanXml` turns that into the plain object tree fast-xml-parser
// would give with our settings (see xml.ts), for the camera API code and the oracle tests.
import { ViewtronParseError } from "./errors";
import type { XmlElement } from "./xml";
import { Run, XmlEl, decodeEntities, isSpace, malformed, runText, type XmlSource } from "./xml-el";
import { toTree } from "./xml-tree";

/** Real documents nest about 8 deep; the limit bounds work on hostile input. */
export const MAX_DEPTH = 64;

/** Tags list their attribute names for the repeated-name check; more than this take a set. */
const MAX_LISTED_ATTRIBUTES = 8;

/** A hole (xml-el.ts) that is not plain element text: the caller scans the whole text instead. */
export class HoleMismatch extends Error {}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;
}

/** ASCII name characters: letters, digits, `_ : - .` (everything above 127 is allowed too). */
const NAME_CHARS = new Uint8Array(128).map((_, c) => (isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 ? 1 : 0));

/** The end of the name starting at `pos` (a table lookup per character: names are most of a tag). */
function nameEnd(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c < 128 ? NAME_CHARS[c] === 0 : c !== c /* NaN: end of text */) return pos;
    pos++;
  }
}

/** Whether the `length` characters at `a` and at `b` are the same (both in the flat body text). */
function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** `__proto__`, `constructor`, `prototype`: names that would reach Object.prototype through a plain object. */
function checkName(name: string): void {
  if (name.length !== 9 && name.length !== 11) return;
  if (name === "__proto__" || name === "constructor" || name === "prototype") {
    throw new ViewtronParseError("forbidden-name", `XML uses a reserved name "${name}"`);
  }
}

/** Whether [start, end) holds anything but XML whitespace. */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/** Adds one text run (or CDATA section, or hole) to an open element. */
function addRun(el: XmlEl, kind: Run, start: number, end: number, content: boolean): void {
  if (el.runKind === Run.None) {
    // Whitespace before the first text is dropped by trimming anyway.
    if (content) {
      el.runKind = kind;
      el.runStart = start;
      el.runEnd = end;
    }
    return;
  }
  // A second run: whitespace counts only between two runs of text, so it is kept until one comes.
  const more = (el.more ??= { gap: "" });
  if (!content) {
    more.gap += runText(el, kind, start, end);
    return;
  }
  more.joined ??= runText(el, el.runKind, el.runStart, el.runEnd);
  more.joined += more.gap + runText(el, kind, start, end);
  more.gap = "";
}

class Scanner {
  private readonly text: string;
  private readonly n: number;
  /** Next `&` at or after the last place it was looked for (n: none), for cheap entity checks. */
  private nextAmp = -1;
  /** First `<` after the current start tag's `<`, found while checking its attribute values. */
  private nextLt = -1;
  /** [start, end) of the current tag's attribute names, for the repeated-name check (a plain array: a typed one costs a backing store per scan). */
  private readonly attrNames: number[] = new Array<number>(2 * MAX_LISTED_ATTRIBUTES).fill(0);
  /** Beyond MAX_LISTED_ATTRIBUTES (hostile tags only) names go into a set. */
  private moreNames: Set<string> | undefined;

  constructor(private readonly source: XmlSource) {
    this.text = source.text;
    this.n = this.text.length;
  }

  /** Whether [start, end) contains `&`; each character is searched at most once per scan. */
  private hasAmp(start: number, end: number): boolean {
    if (this.nextAmp < start) {
      const found = this.text.indexOf("&", start);
      this.nextAmp = found < 0 ? this.n : found;
    }
    return this.nextAmp < end;
  }

  scan(): XmlEl {
    const { text, n, source } = this;
    const holes = source.holes;
    let hole = 0;
    const noHole = n + 1; // past any position: an integer compare, unlike Infinity
    let holeAt = holes.length > 0 ? holes[0].at : noHole;
    const stack: XmlEl[] = [];
    /** The last child of each open element (stack[i]), for appending. */
    const lasts: Array<XmlEl | undefined> = [];
    let top: XmlEl | undefined;
    let root: XmlEl | undefined;
    let rootClosed = false;
    let pos = 0;

    while (pos < n) {
      if (holeAt <= pos) {
        // A hole stands exactly where the text of an open element starts, or it is no text at all.
        if (holeAt < pos || top === undefined) throw new HoleMismatch();
        addRun(top, Run.Hole, hole, hole, true);
        holeAt = ++hole < holes.length ? holes[hole].at : noHole;
      }
      let lt = this.nextLt >= pos ? this.nextLt : text.indexOf("<", pos);
      if (lt < 0) lt = n;
      if (lt > pos) {
        if (top === undefined) {
          if (text.slice(pos, lt).trim()) malformed("text outside the root element", pos);
        } else if (this.hasAmp(pos, lt)) {
          decodeEntities(text.slice(pos, lt), pos); // checked now, decoded when read
          addRun(top, Run.Entities, pos, lt, true);
        } else if (top.runKind === Run.None) {
          // The usual case, inline: a leaf's value, or whitespace between elements (dropped).
          if (hasContent(text, pos, lt)) {
            top.runKind = Run.Text;
            top.runStart = pos;
            top.runEnd = lt;
          }
        } else {
          addRun(top, Run.Text, pos, lt, hasContent(text, pos, lt));
        }
      }
      if (lt >= n) break;
      pos = lt;
      const next = text.charCodeAt(pos + 1);

      if (next === 33 /* ! */ || next === 63 /* ? */) {
        if (text.startsWith("<![CDATA[", pos)) {
          if (top === undefined) malformed("CDATA outside the root element", pos);
          const start = pos + 9;
          const end = text.indexOf("]]>", start);
          if (end < 0) malformed("unterminated CDATA section", pos);
          if (holeAt === start) {
            if (end !== start) throw new HoleMismatch();
            addRun(top, Run.Hole, hole, hole, true);
            holeAt = ++hole < holes.length ? holes[hole].at : noHole;
          } else {
            addRun(top, Run.Cdata, start, end, hasContent(text, start, end));
          }
          pos = end + 3;
          continue;
        }
        pos = skipMarkup(text, pos);
        continue;
      }

      if (next === 47 /* / */) {
        const open = stack.pop();
        const nameAt = pos + 2;
        // Usually `</name>` exactly; anything else takes the careful path.
        const length = open === undefined ? -1 : open.name.length;
        let end = nameAt + length;
        if (open === undefined || text.charCodeAt(end) !== 62 /* > */ || !sameText(text, nameAt, open.attrStart - length, length)) {
          end = text.indexOf(">", nameAt);
          if (end < 0) malformed("unterminated end tag", pos);
          const given = text.slice(nameAt, end).trim();
          if (open === undefined || given !== open.name) malformed(`unexpected </${given}>`, pos);
        }
        top = stack.length > 0 ? stack[stack.length - 1] : undefined;
        if (top === undefined) rootClosed = true;
        pos = end + 1;
        continue;
      }

      // Start tag.
      if (!isNameStart(next)) malformed("bad tag", pos);
      if (rootClosed) malformed("content after the root element", pos);
      let p = nameEnd(text, pos + 1);
      const name = text.slice(pos + 1, p);
      checkName(name);
      if (stack.length >= MAX_DEPTH) throw new ViewtronParseError("too-deep", "XML nested too deeply");
      const el = new XmlEl(source, name, p);
      this.nextLt = -1;
      p = this.readAttributes(pos, p, el);
      if (top === undefined) root = el;
      else {
        const depth = stack.length - 1;
        const last = lasts[depth];
        if (last === undefined) top.first = el;
        else last.next = el;
        lasts[depth] = el;
      }
      if (text.charCodeAt(p) === 47 /* self-closing */) {
        if (top === undefined) rootClosed = true;
        pos = p + 2;
        continue;
      }
      lasts[stack.length] = undefined;
      stack.push(el);
      top = el;
      pos = p + 1;
    }

    if (stack.length > 0) malformed(`unclosed <${stack[stack.length - 1].name}>`, n);
    if (root === undefined) throw new ViewtronParseError("not-xml", "no root element");
    if (hole < holes.length) throw new HoleMismatch();
    return root;
  }

  /** Whether the attribute name at [start, stop) came earlier in this tag (`count` names so far). */
  private repeated(start: number, stop: number, count: number): boolean {
    const { text, attrNames } = this;
    const listed = Math.min(count, MAX_LISTED_ATTRIBUTES);
    for (let i = 0; i < listed; i++) {
      const s = attrNames[2 * i];
      if (attrNames[2 * i + 1] - s === stop - start && sameText(text, s, start, stop - start)) return true;
    }
    if (count < MAX_LISTED_ATTRIBUTES) return false;
    const name = text.slice(start, stop);
    let more = this.moreNames;
    if (count === MAX_LISTED_ATTRIBUTES || more === undefined) more = this.moreNames = new Set();
    if (more.has(name)) return true;
    more.add(name);
    return false;
  }

  /** Checks `name="value"` pairs from `pos` up to `>` or `/>`; returns the index of that end. */
  private readAttributes(lt: number, pos: number, el: XmlEl): number {
    const { text, n } = this;
    let count = 0;
    for (;;) {
      let c = text.charCodeAt(pos);
      let spaced = false;
      while (isSpace(c)) {
        c = text.charCodeAt(++pos);
        spaced = true;
      }
      if (c === 62 /* > */ || (c === 47 /* / */ && text.charCodeAt(pos + 1) === 62)) return pos;
      if (pos >= n) malformed("unterminated start tag", pos);
      if (!spaced || !isNameStart(c)) malformed("bad attribute", pos);
      const start = pos;
      const stop = nameEnd(text, pos);
      pos = stop;
      while (isSpace(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) !== 61 /* = */) malformed(`attribute ${text.slice(start, stop)} without value`, pos);
      pos++;
      while (isSpace(text.charCodeAt(pos))) pos++;
      const quote = text.charCodeAt(pos);
      if (quote !== 34 /* " */ && quote !== 39 /* ' */) malformed(`unquoted attribute ${text.slice(start, stop)}`, pos);
      const end = text.indexOf(quote === 34 ? '"' : "'", pos + 1);
      if (end < 0) malformed("unterminated attribute value", pos);
      if (this.nextLt < 0) {
        const found = text.indexOf("<", lt + 1);
        this.nextLt = found < 0 ? n : found;
      }
      if (this.nextLt < end) malformed("'<' in attribute value", pos);
      if (stop - start === 9 || stop - start === 11) checkName(text.slice(start, stop));
      if (count > 0 && this.repeated(start, stop, count)) malformed(`repeated attribute ${text.slice(start, stop)}`, pos);
      if (count < MAX_LISTED_ATTRIBUTES) {
        this.attrNames[2 * count] = start;
        this.attrNames[2 * count + 1] = stop;
      }
      count++;
      if (this.hasAmp(pos + 1, end)) decodeEntities(text.slice(pos + 1, end), pos);
      pos = end + 1;
      el.attrEnd = pos;
    }
  }
}

/** Skips `<!-- -->` and `<?...?>`; returns the index after it. Other declarations are malformed. */
function skipMarkup(text: string, pos: number): number {
  if (text.startsWith("<!--", pos)) {
    const end = text.indexOf("-->", pos + 4);
    if (end < 0) malformed("unterminated comment", pos);
    return end + 3;
  }
  if (text.startsWith("<?", pos)) {
    const end = text.indexOf("?>", pos + 2);
    if (end < 0) malformed("unterminated processing instruction", pos);
    return end + 2;
  }
  return malformed("unsupported declaration", pos);
}

/** Scans a document into the lazy element tree; throws ViewtronParseError (or HoleMismatch). */
export function scanElements(source: XmlSource): XmlEl {
  return new Scanner(source).scan();
}

/** The plain object tree of a document (fast-xml-parser's shape). */
export function scanXml(text: string): { rootName: string; root: XmlElement } {
  const root = scanElements({ text, holes: [] });
  const tree = toTree(root);
  return { rootName: root.name, root: typeof tree === "string" ? { "#text": tree } : tree };
}

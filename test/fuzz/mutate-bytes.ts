// Structure-blind damage: truncation, bit flips, spliced bytes, invalid UTF-8, other encodings.
import type { Rng } from "./rng";
import { fromBin, splice, toBin } from "./spots";

export interface Mutation {
  doc: string;
  note: string;
}
export type Mutator = (rng: Rng, doc: string) => Mutation;

// Biased towards the end (a half-sent body) and the start (a dropped first packet).
export const truncate: Mutator = (rng, doc) => {
  const at = rng.chance(0.3) ? doc.length - 1 - rng.sized(64) : rng.int(0, doc.length);
  const cut = Math.max(0, Math.min(doc.length, at));
  return { doc: doc.slice(0, cut), note: `truncate@${cut}/${doc.length}` };
};

export const bitFlips: Mutator = (rng, doc) => {
  const bytes = fromBin(doc);
  const flips = 1 + rng.sized(8);
  const at: number[] = [];
  for (let i = 0; i < flips && bytes.length > 0; i++) {
    const pos = rng.int(0, bytes.length - 1);
    bytes[pos] ^= 1 << rng.int(0, 7);
    at.push(pos);
  }
  return { doc: toBin(bytes), note: `bitflip@${at.join(",")}` };
};

export const byteSplice: Mutator = (rng, doc) => {
  const at = rng.int(0, doc.length);
  switch (rng.int(0, 2)) {
    case 0: {
      const junk = toBin(rng.bytes(1 + rng.sized(32)));
      return { doc: splice(doc, at, at, junk), note: `insert-bytes@${at}x${junk.length}` };
    }
    case 1: {
      const end = Math.min(doc.length, at + 1 + rng.sized(200));
      return { doc: splice(doc, at, end, ""), note: `delete@${at}-${end}` };
    }
    default: {
      const end = Math.min(doc.length, at + 1 + rng.sized(400));
      const copy = doc.slice(at, end).repeat(1 + rng.sized(20));
      return { doc: splice(doc, at, at, copy), note: `duplicate@${at}-${end}` };
    }
  }
};

// Sequences no UTF-8 decoder accepts: lone continuation, overlong, surrogate halves, truncated
// multi-byte, bytes that never occur (C0, C1, F5..FF), and a stray UTF-16 BOM.
const INVALID_UTF8 = [
  [0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
  [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xfe], [0xff], [0xff, 0xfe], [0xfe, 0xff], [0x00],
];

export const invalidUtf8: Mutator = (rng, doc) => {
  let out = doc;
  const spots: string[] = [];
  for (let i = 1 + rng.sized(6); i > 0; i--) {
    const seq = rng.pick(INVALID_UTF8);
    const at = rng.int(0, out.length);
    out = splice(out, at, at, String.fromCharCode(...seq));
    spots.push(`${at}:${seq.map((b) => b.toString(16)).join("")}`);
  }
  return { doc: out, note: `invalid-utf8@${spots.join(",")}` };
};

/** The same text in another encoding: UTF-16 (with or without BOM), or Latin-1 for non-ASCII. */
export const reencode: Mutator = (rng, doc) => {
  const text = fromBin(doc).toString("utf8");
  const which = rng.int(0, 3);
  if (which === 0) return { doc: toBin(Buffer.from(`\ufeff${text}`, "utf16le")), note: "utf16le+bom" };
  if (which === 1) return { doc: toBin(Buffer.from(text, "utf16le")), note: "utf16le" };
  if (which === 2) {
    const le = Buffer.from(`\ufeff${text}`, "utf16le");
    return { doc: toBin(le.swap16()), note: "utf16be+bom" };
  }
  return { doc: toBin(Buffer.from(text.replace(/[^\x00-\xff]/g, "?"), "latin1")), note: "latin1" };
};

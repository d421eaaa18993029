// One fuzz case: a fixture with one to a few stacked mutations, chosen by the case's own stream.
import { bitFlips, byteSplice, invalidUtf8, reencode, truncate, type Mutator } from "./mutate-bytes";
import { base64, deepNesting, doctype, hostileName, markupNoise } from "./mutate-hostile";
import {
  attributes, crossover, duplicateOrRemove, elementSwap, hostileNumber, hostileText, kindSwap, longName, reshape, tagSwap,
} from "./mutate-xml";
import { Rng } from "./rng";
import { fromBin, toBin } from "./spots";

// Weights: structure-aware and hostile operators dominate (blind byte damage mostly ends as
// malformed XML after a few bytes, so it reaches little of the parser).
const OPERATORS: Array<[Mutator, number]> = [
  [truncate, 2], [bitFlips, 2], [byteSplice, 1], [invalidUtf8, 2], [reencode, 0.5],
  [tagSwap, 3], [elementSwap, 2], [duplicateOrRemove, 3], [reshape, 3], [hostileNumber, 4], [hostileText, 3],
  [attributes, 2], [kindSwap, 3], [longName, 0.5], [hostileName, 3], [deepNesting, 1.5], [doctype, 1.5], [base64, 2], [markupNoise, 1],
];
const TOTAL = OPERATORS.reduce((sum, [, w]) => sum + w, 0);
/** Structure-blind operators only, for documents already too big to search with regexes cheaply. */
const CHEAP: Mutator[] = [truncate, bitFlips, byteSplice, invalidUtf8];
const CHEAP_ABOVE = 256 * 1024;
/** Stacked growth (a long name given to every tag of a deep nest) could reach hundreds of MB: a
 * mutation that would pass this is skipped. Above the 5 MB body limit, so 413 stays reachable. */
const MAX_DOC = 6 * 1024 * 1024;

function choose(rng: Rng): Mutator {
  let x = rng.float() * TOTAL;
  for (const [op, weight] of OPERATORS) {
    x -= weight;
    if (x < 0) return op;
  }
  return OPERATORS[OPERATORS.length - 1][0];
}

export interface FuzzCase {
  /** `<fixture id>#<index>`: pass it to VIEWTRON_FUZZ_ONLY to replay. */
  id: string;
  body: Buffer;
  /** The mutations applied, in order. */
  notes: string[];
}

/** Builds case `index` of `seedId`; `donor` gives another fixture for grafts (same stream). */
export function makeCase(seed: number, label: string, seedId: string, bytes: Buffer, index: number, donors: readonly Buffer[]): FuzzCase {
  const rng = Rng.forCase(seed, `${label}:${seedId}`, index);
  let doc = toBin(bytes);
  const notes: string[] = [];
  const count = 1 + rng.sized(4);
  for (let i = 0; i < count; i++) {
    const useGraft = donors.length > 0 && rng.chance(0.06);
    const op = doc.length > CHEAP_ABOVE ? rng.pick(CHEAP) : useGraft ? crossover(toBin(rng.pick(donors))) : choose(rng);
    const result = op(rng, doc);
    if (result.doc.length > MAX_DOC) {
      notes.push(`${result.note.split(" ")[0]}(skipped: ${result.doc.length} bytes)`);
      continue;
    }
    doc = result.doc;
    notes.push(result.note);
  }
  return { id: `${seedId}#${index}`, body: fromBin(doc), notes };
}

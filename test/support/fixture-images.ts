// The real JPEGs embedded in our own fixtures (test/fixtures/**): which element of which file
// carries which generated picture. Tests compare decoded images byte for byte with
// `fixtureImage(...)`; running this file rewrites the fixtures from the table (idempotent):
//
//   npx tsc -p . && node dist/test/support/fixture-images.js          (write)
//   npx tsc -p . && node dist/test/support/fixture-images.js --check  (exit 1 if out of date)
import * as fs from "node:fs";
import * as path from "node:path";
import { makeTestJpeg } from "../../src/sim/jpeg";
import { repoPath } from "./paths";

export type ImageElement = "sourceBase64Data" | "targetBase64Data";

export interface FixtureImageSpec {
  /** Path under test/fixtures. */
  file: string;
  element: ImageElement;
  /** Which occurrence of `element` in the file (0 = first). */
  index: number;
  width: number;
  height: number;
  seed: number;
}

/** Overviews are 64x48, crops 32x16: real JPEGs, each fixture well under 20 KB. */
export const FIXTURE_IMAGES: readonly FixtureImageSpec[] = [
  // IPC LPR: overview in listInfo item 0, plate crop in item 1 (no sourceDataInfo)
  { file: "ipc-v1/lpr-vehice.xml", element: "targetBase64Data", index: 0, width: 64, height: 48, seed: 101 },
  { file: "ipc-v1/lpr-vehice.xml", element: "targetBase64Data", index: 1, width: 32, height: 16, seed: 102 },
  { file: "ipc-v1/pea-perimeter.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 103 },
  { file: "ipc-v1/pea-perimeter.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 104 },
  { file: "ipc-v1/vfd.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 105 },
  { file: "ipc-v1/vfd.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 106 },
  { file: "ipc-v1/vsd.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 107 },
  { file: "ipc-v1/vsd.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 108 },
  { file: "nvr-v2/region-intrusion.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 109 },
  { file: "nvr-v2/region-intrusion.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 110 },
  { file: "nvr-v2/vehicle.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 111 },
  { file: "nvr-v2/vehicle.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 112 },
  { file: "nvr-v2/face.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 113 },
  { file: "quirks/one-line-tripwire.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 114 },
  { file: "quirks/one-line-tripwire.xml", element: "targetBase64Data", index: 0, width: 32, height: 16, seed: 115 },
  { file: "quirks/nvr-source-no-dims.xml", element: "sourceBase64Data", index: 0, width: 64, height: 48, seed: 116 },
];

const cache = new Map<string, Buffer>();

/** The JPEG bytes the table puts into `file` at the `index`-th `element`. */
export function fixtureImage(file: string, element: ImageElement, index = 0): Buffer {
  const spec = FIXTURE_IMAGES.find((s) => s.file === file && s.element === element && s.index === index);
  if (!spec) throw new Error(`no generated image for ${file} ${element}[${index}]`);
  const key = `${spec.width}x${spec.height}:${spec.seed}`;
  let image = cache.get(key);
  if (!image) {
    image = makeTestJpeg(spec.width, spec.height, spec.seed);
    cache.set(key, image);
  }
  return image;
}

/** Replaces the text of the `index`-th `element` with `base64`, keeping CDATA and surrounding whitespace. */
export function replaceElementText(xml: string, element: string, index: number, base64: string): string {
  const pattern = new RegExp(`(<${element}(?:\\s[^>]*)?>)([\\s\\S]*?)(</${element}>)`, "g");
  let seen = 0;
  let found = false;
  const out = xml.replace(pattern, (whole, open: string, inner: string, close: string) => {
    if (seen++ !== index) return whole;
    found = true;
    const lead = /^\s*/.exec(inner)![0];
    const trail = /\s*$/.exec(inner)![0];
    const core = inner.trim();
    const body = core.startsWith("<![CDATA[") ? `<![CDATA[${base64}]]>` : base64;
    return `${open}${lead}${body}${trail}${close}`;
  });
  if (!found) throw new Error(`${element}[${index}] not found`);
  return out;
}

/** Writes (or with `check` only compares) every fixture of the table; returns the stale files. */
export function embedFixtureImages(check: boolean): string[] {
  const stale: string[] = [];
  const files = [...new Set(FIXTURE_IMAGES.map((s) => s.file))];
  for (const file of files) {
    const full = repoPath("test", "fixtures", file);
    const before = fs.readFileSync(full, "utf8");
    let after = before;
    for (const spec of FIXTURE_IMAGES.filter((s) => s.file === file)) {
      after = replaceElementText(after, spec.element, spec.index, fixtureImage(file, spec.element, spec.index).toString("base64"));
    }
    if (after !== before) {
      stale.push(file);
      if (!check) fs.writeFileSync(full, after);
    }
  }
  return stale;
}

if (require.main === module) {
  const check = process.argv.includes("--check");
  const stale = embedFixtureImages(check);
  const where = path.relative(process.cwd(), repoPath("test", "fixtures")) || ".";
  if (check) {
    if (stale.length) {
      console.error(`out of date under ${where}: ${stale.join(", ")}`);
      process.exit(1);
    }
    console.log("fixture images up to date");
  } else {
    console.log(stale.length ? `rewrote ${stale.join(", ")}` : "fixture images already up to date");
  }
}

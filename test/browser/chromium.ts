// Which Chromium the browser test drives: VIEWTRON_CHROMIUM, else Debian's package.
import fs from "node:fs";
import path from "node:path";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The browser binary, or undefined when none is installed. */
export function findChromium(): string | undefined {
  const named = process.env.VIEWTRON_CHROMIUM;
  if (named) {
    if (!fs.existsSync(named)) throw new Error(`VIEWTRON_CHROMIUM=${named} does not exist`);
    return named;
  }
  return CANDIDATES.find((file) => fs.existsSync(file)) ?? onPath("chromium") ?? onPath("chromium-browser");
}

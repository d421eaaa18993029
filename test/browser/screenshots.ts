// Screenshots of the editor: always into a temporary folder (printed at the end), and into
// docs/screenshots/ (which the README shows) only with VIEWTRON_SCREENSHOTS=1, so CI leaves the tree clean.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { repoPath } from "../support/paths";

export const SCREENSHOT_DIR = path.join(os.tmpdir(), "viewtron-screenshots");
const toDocs = process.env.VIEWTRON_SCREENSHOTS === "1";

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.mouse.move(1, 799); // no hover effects or tooltips in the picture
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
  if (toDocs) {
    fs.mkdirSync(repoPath("docs", "screenshots"), { recursive: true });
    fs.copyFileSync(file, repoPath("docs", "screenshots", `${name}.png`));
  }
}

export function screenshotNote(): string {
  return toDocs ? `screenshots in ${SCREENSHOT_DIR} and docs/screenshots/` : `screenshots in ${SCREENSHOT_DIR} (VIEWTRON_SCREENSHOTS=1 copies them to docs/screenshots/)`;
}

// What a real Node-RED serves the editor for this package: palette icons, message catalogs, help.
import assert from "node:assert/strict";
import fs from "node:fs";
import { get, startRedEditor, type RedEditor } from "../support/red-editor";
import { repoPath } from "../support/paths";

const PKG = "node-red-contrib-viewtron-events";
const TYPES = ["viewtron-config", "viewtron-in", "viewtron-filter"];

describe("editor files served by Node-RED", function () {
  this.timeout(40_000);
  let red: RedEditor | undefined;

  before(async () => {
    red = await startRedEditor();
  });
  after(async () => {
    await red?.stop();
  });

  for (const type of TYPES) {
    it(`serves the ${type} palette icon as SVG`, async () => {
      const res = await get(`${red!.url}icons/${PKG}/${type}.svg`);
      assert.equal(res.status, 200);
      assert.match(res.type, /^image\/svg\+xml/);
      assert.deepEqual(res.body, fs.readFileSync(repoPath("icons", `${type}.svg`)));
    });

    it(`serves the ${type} message catalog in English`, async () => {
      const res = await get(`${red!.url}locales/${PKG}/${type}?lng=en-US`);
      assert.equal(res.status, 200);
      const catalog = JSON.parse(res.body.toString("utf8")) as Record<string, unknown>;
      assert.deepEqual(catalog, JSON.parse(fs.readFileSync(repoPath("nodes", "locales", "en-US", `${type}.json`), "utf8")));
    });
  }

  it("serves the dialogs and the help of all three node types", async () => {
    const res = await get(`${red!.url}nodes`, { Accept: "text/html" });
    assert.equal(res.status, 200);
    const html = res.body.toString("utf8");
    for (const type of TYPES) {
      assert.match(html, new RegExp(`data-template-name="${type}"`), `${type} dialog`);
      assert.match(html, new RegExp(`data-help-name="${type}"`), `${type} help`);
    }
  });
});

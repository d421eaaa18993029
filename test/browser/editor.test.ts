// The editor in a real browser: Node-RED with this package, headless Chromium driven by
// playwright-core. Palette, canvas, the three edit dialogs with their validation, deploy, a
// camera post over HTTP and the event in the debug sidebar; screenshots along the way.
// The steps share one page and run in order.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { sharedDir, repoPath } from "../support/paths";
import { RawConnection, freePort } from "../support/raw-http";
import { startRedEditor, type RedEditor } from "../support/red-editor";
import { findChromium } from "./chromium";
import { EditorPage } from "./editor-page";
import { SCREENSHOT_DIR, screenshot, screenshotNote } from "./screenshots";

/** A plate event: the shared NVR sample, or our own when ../shared is absent. */
function plateFixture(): { body: string; plate: string } {
  const shared = sharedDir();
  return shared
    ? { body: fs.readFileSync(path.join(shared, "fixtures", "viewtron", "nvr-v2", "vehicle-lpr.xml"), "utf8"), plate: "JP116D" }
    : { body: fs.readFileSync(repoPath("test", "fixtures", "nvr-v2", "vehicle.xml"), "utf8"), plate: "0042HB" };
}

/** Posts like a camera; status 0 when nothing listens. */
async function post(port: number, body: string): Promise<number> {
  let conn: RawConnection | undefined;
  try {
    conn = await RawConnection.open(port);
    return (await conn.request(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } }, 5000)).status;
  } catch {
    return 0;
  } finally {
    conn?.destroy();
  }
}

describe("editor in a browser (Chromium)", function () {
  this.timeout(30_000);
  let red: RedEditor | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let editor: EditorPage;
  let cameraPort: number;
  const ids: Record<string, string> = {};

  before(async function () {
    const executablePath = findChromium();
    if (executablePath === undefined) {
      const hint = "no Chromium found (apt-get install chromium, or set VIEWTRON_CHROMIUM)";
      if (process.env.CI === "true") throw new Error(`${hint}: CI must run the browser test`);
      console.log(`      (skipped: ${hint})`);
      return this.skip();
    }
    red = await startRedEditor();
    cameraPort = await freePort();
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"], timeout: 20_000 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    context.setDefaultTimeout(10_000);
    // Only our Node-RED: nothing leaves this machine.
    const origin = red.url;
    await context.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    page = await context.newPage();
    editor = new EditorPage(page);
    await editor.open(red.url);
    await editor.widenSidebar(100);
  });

  afterEach(async function () {
    // A failed step leaves a picture of the editor beside the others.
    if (this.currentTest?.state === "failed" && browser) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}.png`) }).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(15_000);
    await browser?.close().catch(() => undefined);
    await red?.stop();
    if (browser) console.log(`      (Node-RED ${red?.version}; ${screenshotNote()})`);
  });

  it("lists viewtron in and viewtron filter in the Viewtron palette category, with our icons", async () => {
    await editor.filterPalette("viewtron");
    assert.equal((await page.locator("#red-ui-palette-header-viewtron").innerText()).trim(), "Viewtron");
    for (const type of ["viewtron-in", "viewtron-filter"]) {
      const node = page.locator(`#red-ui-palette-viewtron .red-ui-palette-node[data-palette-type="${type}"]`);
      await node.waitFor();
      const label = (await node.innerText()).replace(/\s+/g, " ").trim();
      assert.equal(label, type.replace("-", " "));
      const icon = await node.locator(".red-ui-palette-icon-container").getAttribute("data-palette-icon");
      assert.equal(icon, `icons/node-red-contrib-viewtron-events/${type}.svg`);
      const served = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
      }, icon ?? "");
      assert.equal(served.status, 200);
      assert.match(served.type, /svg/);
      assert.match(served.text, /^<svg /);
    }
  });

  it("drops viewtron in, viewtron filter and debug on the canvas and wires them", async () => {
    ids.in = await editor.addNode("viewtron-in", 150, 140);
    ids.filter = await editor.addNode("viewtron-filter", 400, 140);
    await editor.filterPalette("debug");
    ids.debug = await editor.addNode("debug", 610, 140);
    await editor.filterPalette("viewtron");
    await editor.wire(ids.in, ids.filter);
    await editor.wire(ids.filter, ids.debug);
    assert.deepEqual(new Set((await editor.links()).map(([a, b]) => `${a}>${b}`)), new Set([`${ids.in}>${ids.filter}`, `${ids.filter}>${ids.debug}`]));
  });

  it("viewtron in: its dialog opens with defaults and offers to add a camera configuration", async () => {
    await editor.edit(ids.in);
    const expectChecked = { events: true, alarmStatus: true, traject: false, connection: false, images: true, raw: false };
    for (const [prop, checked] of Object.entries(expectChecked)) {
      assert.equal(await page.locator(`#node-input-${prop}`).isChecked(), checked, prop);
    }
    // Labels are catalog texts, not keys.
    assert.equal((await page.locator('label[for="node-input-events"]').innerText()).trim(), "Smart events");
    assert.doesNotMatch(await page.locator("#dialog-form").innerText(), /viewtron-in\.(label|tip|placeholder)\./);
    // Traject is a stream: ticking it shows the rate warning.
    await page.locator("#node-input-traject").check();
    await page.locator("#viewtron-in-traject-warning").waitFor({ state: "visible" });
    await page.locator("#node-input-traject").uncheck();
    await page.locator("#viewtron-in-traject-warning").waitFor({ state: "hidden" });
    assert.equal(await page.locator("#node-input-config").inputValue(), "_ADD_");
  });

  it("viewtron-config: opens from viewtron in with defaults that need no typing", async () => {
    await page.click("#node-input-btn-config-add");
    await page.locator("#node-config-input-port").waitFor({ state: "visible" });
    await editor.idle();
    assert.equal(await page.locator("#node-config-input-port").inputValue(), "5002");
    assert.equal(await page.locator("#node-config-input-path").inputValue(), "/API");
    for (const f of ["port", "path", "bind", "maxBody", "allow", "deviceAddress", "deviceMac", "watchdog"]) {
      assert.equal(await editor.isInvalid(page.locator(`#node-config-input-${f}`)), false, `${f} is valid by default`);
    }
    assert.match(await page.locator("#viewtron-config-camera-tip").innerText(), /port 5002, path \/API/);
    assert.doesNotMatch(await page.locator("#node-config-dialog-edit-form").innerText(), /viewtron-config\.(label|tip|placeholder)\./);
    await editor.type(page.locator("#node-config-input-name"), "Gate camera");
    await page.locator("#node-config-input-name").blur();
    await screenshot(page, "viewtron-config-dialog");
  });

  it("viewtron-config: marks an invalid port or path, with its message, and clears the mark when valid", async () => {
    const port = page.locator("#node-config-input-port");
    const pathField = page.locator("#node-config-input-path");
    await editor.type(port, "70000");
    assert.equal(await editor.isInvalid(port), true, "port 70000 is invalid");
    await port.hover();
    await page.locator(".red-ui-popover", { hasText: "Port must be a whole number from 1 to 65535" }).waitFor();
    await editor.type(port, String(cameraPort));
    assert.equal(await editor.isInvalid(port), false, "a free port is valid");
    assert.match(await page.locator("#viewtron-config-camera-tip").innerText(), new RegExp(`port ${cameraPort}, path /API`));
    await editor.type(pathField, "API");
    assert.equal(await editor.isInvalid(pathField), true, "a path without / is invalid");
    await editor.type(pathField, "/API");
    assert.equal(await editor.isInvalid(pathField), false);
  });

  it("viewtron-config: Add makes it the camera of viewtron in, listed in the configuration sidebar", async () => {
    await editor.close("#node-config-dialog-ok");
    const config = (await editor.nodes()).find((n) => n.type === "viewtron-config");
    assert.ok(config, "the config node was added");
    const select = page.locator("#node-input-config");
    assert.equal(await select.inputValue(), config.id);
    assert.equal((await select.locator("option:checked").innerText()).trim(), "Gate camera");
    assert.equal(await editor.isInvalid(select), false);
    await screenshot(page, "viewtron-in-dialog");
    await editor.close("#node-dialog-ok");
    await editor.sidebar("config");
    await page.locator("#red-ui-sidebar-node-config .red-ui-palette-node", { hasText: "Gate camera" }).waitFor();
    assert.equal((await page.locator("#red-ui-sidebar-node-config .red-ui-palette-node-config-type").first().innerText()).trim(), "viewtron-config");
  });

  it("viewtron filter: its dialog shows the plate rule and marks a bad time", async () => {
    await editor.edit(ids.filter);
    const rules = page.locator("#node-input-viewtron-rules > li");
    assert.equal(await rules.count(), 1);
    const from = rules.first().locator(".viewtron-filter-timeFrom");
    await editor.type(from, "25:00");
    assert.equal(await editor.isInvalid(from), true, "25:00 is invalid");
    await editor.type(from, "22:00");
    assert.equal(await editor.isInvalid(from), false);
    await from.fill("");
    await from.blur();
    assert.doesNotMatch(await page.locator("#dialog-form").innerText(), /viewtron-filter\.(label|tip|placeholder)\./);
    await screenshot(page, "viewtron-filter-dialog");
    await editor.close("#node-dialog-ok");
  });

  it("deploys, and a camera's plate event posted over HTTP shows in the debug sidebar", async () => {
    await editor.deploy();
    const deadline = Date.now() + 15_000;
    while ((await post(cameraPort, "")) !== 200) {
      if (Date.now() > deadline) throw new Error(`no listener on port ${cameraPort} after deploy:\n${red?.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { body, plate } = plateFixture();
    assert.equal(await post(cameraPort, body), 200);
    await editor.sidebar("debug");
    const message = page.locator(".red-ui-debug-msg").first();
    await message.waitFor();
    assert.match(await message.locator(".red-ui-debug-msg-topic").innerText(), /\/lpr/);
    // Open the payload, then its plate: the number is there.
    await message.locator(".red-ui-debug-msg-payload .red-ui-debug-msg-object-handle").first().click();
    const plateRow = message.locator(".red-ui-debug-msg-object-entry", { hasText: /^plate\b/ }).first();
    await plateRow.locator(".red-ui-debug-msg-object-handle").first().click();
    await message.getByText(plate).first().waitFor();
    await screenshot(page, "debug-sidebar");
  });

  it("shows the viewtron in help in the help sidebar, next to the palette and canvas", async () => {
    await editor.canvasNode(ids.in).locator("rect.red-ui-flow-node").click();
    await editor.sidebar("help");
    await page.click("#red-ui-sidebar-help-show-toc"); // the node's help gets the whole sidebar
    const help = page.locator(".red-ui-sidebar-help-stack .red-ui-help").first();
    await help.getByText("Outputs").first().waitFor();
    const text = await help.innerText();
    assert.match(text, /^viewtron in/);
    for (const word of ["topic", "payload", "plate", "HTTP POST"]) assert.ok(text.includes(word), `help mentions ${word}`);
    await screenshot(page, "palette-canvas");
  });
});

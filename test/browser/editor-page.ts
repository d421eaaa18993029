// The Node-RED editor as a person uses it: palette, canvas, edit dialogs, deploy, sidebars.
import type { Locator, Page } from "playwright-core";

export interface EditorNode {
  id: string;
  type: string;
  z?: string;
}

/** The little of the page's globals that these helpers read inside page.evaluate (no DOM lib here). */
interface PageElement {
  offsetParent: unknown;
  dataset: Record<string, string | undefined>;
}
interface EditorWindow {
  RED: {
    nodes: {
      eachNode(f: (n: EditorNode) => void): void;
      eachConfig(f: (n: EditorNode) => void): void;
      eachLink(f: (l: { source: { id: string }; target: { id: string } }) => void): void;
    };
    sidebar: { show(tab: string): void };
  };
  $: (selector: string) => { length: number };
  document: { querySelectorAll(selector: string): ArrayLike<PageElement>; getAnimations(): unknown[] };
}

export class EditorPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator(".red-ui-palette-node").first().waitFor();
    await this.page.locator("#red-ui-workspace-chart svg").first().waitFor();
  }

  /** Drags the sidebar's edge to the left: a wider sidebar shows help and debug messages better. */
  async widenSidebar(px: number): Promise<void> {
    const edge = this.page.locator("#red-ui-sidebar-separator");
    const box = await edge.boundingBox();
    if (!box) throw new Error("no sidebar separator");
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x - px, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Every node of the flows (config nodes included), as the editor holds them. */
  nodes(): Promise<EditorNode[]> {
    return this.page.evaluate(() => {
      const out: EditorNode[] = [];
      const red = (globalThis as unknown as EditorWindow).RED;
      red.nodes.eachNode((n) => out.push({ id: n.id, type: n.type, z: n.z }));
      red.nodes.eachConfig((n) => out.push({ id: n.id, type: n.type }));
      return out;
    });
  }

  links(): Promise<Array<[string, string]>> {
    return this.page.evaluate(() => {
      const out: Array<[string, string]> = [];
      (globalThis as unknown as EditorWindow).RED.nodes.eachLink((l) => out.push([l.source.id, l.target.id]));
      return out;
    });
  }

  /**
   * Types into the palette's filter box, key by key as a person would, and waits until the palette
   * shows just the matching nodes. Node-RED hides an emptied category with a jQuery slideUp that,
   * when a new filter shows the category again mid-slide, can still end hidden (seen under load):
   * then the filter is typed again, at most three times.
   */
  async filterPalette(text: string): Promise<void> {
    const box = this.page.locator("#red-ui-palette-search input");
    for (let attempt = 1; ; attempt++) {
      await this.idle();
      await box.click();
      await box.press("ControlOrMeta+a");
      await box.pressSequentially(text);
      try {
        await this.page.waitForFunction((t) => {
          const all = Array.from((globalThis as unknown as EditorWindow).document.querySelectorAll(".red-ui-palette-node"));
          const shown = all.filter((el) => el.offsetParent !== null);
          return shown.length > 0 && shown.every((el) => (el.dataset.paletteLabel ?? "").toLowerCase().includes(t));
        }, text.toLowerCase(), { timeout: 3000 });
        await this.idle();
        return;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  }

  paletteNode(type: string): Locator {
    return this.page.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
  }

  /** Drags a node from the palette onto the canvas; returns its id. */
  async addNode(type: string, x: number, y: number): Promise<string> {
    const before = new Set((await this.nodes()).map((n) => n.id));
    await this.paletteNode(type).dragTo(this.page.locator("#red-ui-workspace-chart"), { targetPosition: { x, y } });
    const added = (await this.nodes()).find((n) => !before.has(n.id) && n.type === type);
    if (!added) throw new Error(`dropping ${type} on the canvas added no node`);
    return added.id;
  }

  canvasNode(id: string): Locator {
    return this.page.locator(`#red-ui-workspace-chart g.red-ui-flow-node-group[id="${id}"]`);
  }

  /** Drags a wire from an output port of one node to the input of another. */
  async wire(from: string, to: string, output = 0): Promise<void> {
    await this.canvasNode(from).locator(".red-ui-flow-port-output .red-ui-flow-port").nth(output)
      .dragTo(this.canvasNode(to).locator(".red-ui-flow-port-input .red-ui-flow-port"));
  }

  /** Double-clicks a node on the canvas and waits for its edit dialog. */
  async edit(id: string): Promise<void> {
    await this.canvasNode(id).locator("rect.red-ui-flow-node").dblclick();
    await this.page.locator("#node-dialog-ok").waitFor();
    await this.idle();
  }

  /** Waits until nothing slides: edit trays (CSS transitions), palette categories (jQuery). */
  async idle(): Promise<void> {
    await this.page.waitForFunction(() => {
      const w = globalThis as unknown as EditorWindow;
      return w.document.getAnimations().length === 0 && w.$(":animated").length === 0;
    });
  }

  /** Closes the top dialog with its button (Done, Add, Update) and waits until it is gone. */
  async close(button: string): Promise<void> {
    await this.page.click(button);
    await this.page.locator(button).waitFor({ state: "detached" });
    await this.idle();
  }

  /** Replaces a field's text key by key, so the editor's keyup validation runs. */
  async type(field: Locator, text: string): Promise<void> {
    await field.fill("");
    await field.press("End");
    await field.pressSequentially(text);
  }

  /** True when the field shows Node-RED's invalid style. */
  async isInvalid(field: Locator): Promise<boolean> {
    return ((await field.getAttribute("class")) ?? "").split(/\s+/).includes("input-error");
  }

  /** Deploys, waits for the editor's success notice and clicks it away. */
  async deploy(): Promise<void> {
    await this.page.click("#red-ui-header-button-deploy");
    const notice = this.page.locator(".red-ui-notification", { hasText: "Successfully deployed" });
    await notice.waitFor();
    await this.page.locator("#red-ui-header-button-deploy.disabled").waitFor({ state: "attached" });
    await notice.click();
    await notice.waitFor({ state: "detached" });
  }

  /**
   * Shows a sidebar tab ("help", "debug", "config"). Through the editor's own call: Node-RED 4
   * has one tab strip, Node-RED 5 sections with toggle buttons that a click could close.
   */
  async sidebar(tab: string): Promise<void> {
    await this.page.evaluate((t) => (globalThis as unknown as EditorWindow).RED.sidebar.show(t), tab);
  }
}

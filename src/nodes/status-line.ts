// A throttled node status: traject posts arrive ~7/s per target, the editor needs a few updates a second at most.
import type { NodeStatus } from "node-red";

const MIN_GAP_MS = 250;

export class StatusLine {
  private timer: NodeJS.Timeout | undefined;
  private lastAt = 0;
  private last = "";

  constructor(private readonly compute: () => NodeStatus, private readonly apply: (status: NodeStatus) => void) {}

  /** State changes (port, devices, errors): rendered at once, they are rare and matter. */
  now(): void {
    this.stop();
    this.render();
  }

  /** Per-message updates: rendered now, or once at the end of the current gap. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastAt + MIN_GAP_MS - Date.now();
    if (wait <= 0) {
      this.render();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, wait);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private render(): void {
    this.lastAt = Date.now();
    const status = this.compute();
    const key = `${status.fill ?? ""}|${status.shape ?? ""}|${status.text ?? ""}`;
    if (key === this.last) return; // the editor is told only about changes
    this.last = key;
    this.apply(status);
  }
}

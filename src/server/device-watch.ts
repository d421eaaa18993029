// One subscription's view of its devices: up on the first post (and on return), down when
// silent past the watchdog time. Timestamps come from the port's DeviceTracker.
import type { DeviceTracker } from "./device-tracker";
import type { ConnectionChange, TrackedDevice } from "./types";

/** Check often enough to notice silence soon after the limit, rarely enough to cost nothing. */
function checkEvery(watchdogMs: number): number {
  return Math.min(5_000, Math.max(25, Math.floor(watchdogMs / 4)));
}

export class DeviceWatch {
  private readonly states = new Map<string, "up" | "down">();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tracker: DeviceTracker,
    private readonly watchdogMs: number,
    private readonly emit: (change: ConnectionChange) => void,
  ) {
    if (watchdogMs > 0) {
      this.timer = setInterval(() => this.check(Date.now()), checkEvery(watchdogMs));
      this.timer.unref(); // never keeps the process alive on its own
    }
  }

  /** A post from this device reached the subscription. */
  seen(device: TrackedDevice, now: number): void {
    if (this.states.get(device.key) === "up") return;
    this.states.set(device.key, "up");
    this.emit({ state: "up", device, at: now });
  }

  check(now: number): void {
    for (const [key, state] of this.states) {
      const device = this.tracker.get(key);
      if (device === undefined) {
        this.states.delete(key); // merged into an identified record, or evicted
        continue;
      }
      if (state === "up" && now - device.lastSeen > this.watchdogMs) {
        this.states.set(key, "down");
        this.emit({ state: "down", device, at: now });
      }
    }
  }

  connected(): TrackedDevice[] {
    return this.withState("up");
  }

  silent(): TrackedDevice[] {
    return this.withState("down");
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.states.clear();
  }

  private withState(wanted: "up" | "down"): TrackedDevice[] {
    const devices: TrackedDevice[] = [];
    for (const [key, state] of this.states) {
      const device = this.tracker.get(key);
      if (state === wanted && device !== undefined) devices.push(device);
    }
    return devices;
  }
}

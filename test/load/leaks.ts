// Leak checks: handles (sockets, servers, timers, child pipes) that outlive a test, and listener
// counts on the process and on shared emitters.
import { createHook, type AsyncHook } from "node:async_hooks";
import type { EventEmitter } from "node:events";

/** Resource types that must all be closed again when a test is over. */
const HANDLE_TYPES = new Set(["Timeout", "TCPWRAP", "TCPSERVERWRAP", "PIPEWRAP", "PROCESSWRAP", "TCPCONNECTWRAP"]);

/**
 * Live handles created while tracking, by type. Unlike `process.getActiveResourcesInfo()` this
 * also sees unref'd timers and sockets (a leaked watchdog interval is unref'd).
 */
export class HandleTracker {
  private readonly live = new Map<number, { type: string; stack: string }>();
  private readonly hook: AsyncHook = createHook({
    init: (id, type) => {
      // The creating stack, kept to name the culprit of a leak.
      if (HANDLE_TYPES.has(type)) this.live.set(id, { type, stack: new Error().stack ?? "" });
    },
    destroy: (id) => {
      this.live.delete(id);
    },
  });

  start(): this {
    this.hook.enable();
    return this;
  }

  stop(): void {
    this.hook.disable();
  }

  /** Types and counts of handles created since start() and not yet closed. */
  open(): Record<string, number> {
    return countBy([...this.live.values()].map((handle) => handle.type));
  }

  /**
   * Waits up to `ms` for every tracked handle to close; returns what is still open. Destroy hooks
   * run a tick after a timer fires, hence the extra turns of the loop after each poll.
   */
  async settle(ms: number): Promise<Record<string, number>> {
    const deadline = Date.now() + ms;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      const open = this.open();
      if (Object.keys(open).length === 0 || Date.now() > deadline) return open;
    }
  }

  /** Where the open handles were created: a few frames each, outside node internals and this file. */
  origins(): string {
    return [...this.live.values()].map((handle) => {
      const frames = handle.stack.split("\n").slice(1).filter((f) => !/node:internal|leaks\.js/.test(f)).slice(0, 4);
      return `${handle.type} at ${frames.map((f) => f.trim()).join(" < ")}`;
    }).join("\n");
  }
}

/** `process.getActiveResourcesInfo()` (ref'd handles and requests), counted by type. */
export function activeResources(): Record<string, number> {
  return countBy(process.getActiveResourcesInfo());
}

/** Listener count per event name. */
export function listenerCounts(emitter: EventEmitter): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of emitter.eventNames()) counts[String(name)] = emitter.listenerCount(name);
  return counts;
}

/** Keys whose count grew from `before` to `after`, as `name: a -> b`. */
export function growth(before: Record<string, number>, after: Record<string, number>): string[] {
  const grown: string[] = [];
  for (const [name, count] of Object.entries(after)) {
    if (count > (before[name] ?? 0)) grown.push(`${name}: ${before[name] ?? 0} -> ${count}`);
  }
  return grown;
}

function countBy(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

// Child processes of the bench: forked with IPC, typed messages, killed on exit or ctrl-C.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

const live = new Set<ChildProcess>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = (): void => {
    for (const child of live) child.kill("SIGTERM"); // each child cleans up (temp folders) and exits
    live.clear();
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** A forked child with a queue of incoming messages. */
export class Child<In extends { type: string }, Out> {
  private readonly inbox: In[] = [];
  private waiters: Array<(m: In) => void> = [];
  private exited: string | undefined;
  readonly process: ChildProcess;

  constructor(script: string, args: string[], execArgv: string[] = [], readonly label = path.basename(script)) {
    hookExit();
    this.process = fork(script, args, { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    live.add(this.process);
    this.process.on("message", (m: In) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(m);
      else this.inbox.push(m);
    });
    this.process.on("exit", (code, signal) => {
      live.delete(this.process);
      this.exited = `${this.label} exited (${signal ?? code})`;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w({ type: "exit" } as In);
    });
  }

  send(message: Out): void {
    this.process.send(message as object);
  }

  /** The next message, which must be of `type` (a "failed" message or an exit rejects). */
  async expect<T extends In["type"]>(type: T, timeoutMs = 120_000): Promise<Extract<In, { type: T }>> {
    const message = await this.next(timeoutMs);
    if (message.type === type) return message as Extract<In, { type: T }>;
    const error = (message as { error?: unknown }).error;
    throw new Error(`${this.label}: expected ${type}, got ${message.type}${error ? `: ${String(error)}` : ""}${this.exited ? ` (${this.exited})` : ""}`);
  }

  private next(timeoutMs: number): Promise<In> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== take);
        reject(new Error(`${this.label}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const take = (m: In): void => {
        clearTimeout(timer);
        resolve(m);
      };
      this.waiters.push(take);
    });
  }

  /** Asks politely (stop message), then kills after `graceMs`. */
  async stop(message: Out | undefined, graceMs = 6000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    if (message !== undefined && this.process.connected) this.send(message);
    else this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

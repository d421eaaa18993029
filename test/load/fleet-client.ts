// The parent's handle on a fleet of simulated cameras running in a child process.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { FleetOptions, FleetResult } from "./fleet";
import type { FromFleet, ToFleet } from "./fleet-process";

export class FleetProcess {
  private readonly exited: Promise<void>;
  private result: Promise<FleetResult>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    this.result = new Promise((resolve, reject) => {
      child.on("message", (message: FromFleet) => {
        if (message.type === "done") resolve(message.result);
      });
      void this.exited.then(() => reject(new Error("the camera fleet exited without results")));
    });
    this.result.catch(() => undefined); // observed by stop()
  }

  /** Forks the fleet and starts its cameras posting to `options.url`. */
  static async start(options: FleetOptions): Promise<FleetProcess> {
    const child = fork(path.join(__dirname, "fleet-process.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const fleet = new FleetProcess(child);
    await new Promise<void>((resolve, reject) => {
      child.once("message", (message: FromFleet) => (message.type === "started" ? resolve() : reject(new Error(message.type))));
      child.once("error", reject);
      fleet.tell({ type: "start", options });
    });
    return fleet;
  }

  /** Stops every camera after its current post; resolves with every post's record once the child has exited. */
  async stop(timeoutMs = 15_000): Promise<FleetResult> {
    this.tell({ type: "stop" });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the camera fleet did not stop within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([this.result, timeout]);
      await Promise.race([this.exited, timeout]);
      return result;
    } finally {
      clearTimeout(timer);
      await this.kill();
    }
  }

  /** Ends the child at once (cleanup after a failed test); resolves when it has exited. */
  kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    return this.exited;
  }

  private tell(message: ToFleet): void {
    if (this.child.connected) this.child.send(message);
  }
}

// A server process under test: `ours` (Node-RED + our nodes) or `baseline` (bare http). Started by
// the bench parent with an IPC channel; answers mark / stats / stop (see ipc.ts).
import { createServer as createNetServer } from "node:net";
import type { FromServer, ServerKind, ToServer } from "./ipc";
import { startBaseline } from "./baseline";
import { startRed } from "./red-harness";
import { recorder } from "./stats";

function send(message: FromServer): void {
  process.send?.(message);
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

async function main(kind: ServerKind): Promise<void> {
  let stop: () => Promise<void> = async () => undefined;
  process.on("message", (message: ToServer) => {
    switch (message.cmd) {
      case "mark":
        recorder.mark();
        send({ type: "marked" });
        break;
      case "stats":
        if (message.gc) collectGarbage();
        send({ type: "stats", stats: recorder.snapshot() });
        break;
      case "stop": {
        const hardStop = setTimeout(() => process.exit(0), 5000);
        stop().finally(() => {
          clearTimeout(hardStop);
          process.exit(0); // a normal exit, so that --cpu-prof writes its profile
        });
        break;
      }
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
  process.on("SIGINT", () => process.exit(0));

  const port = Number(process.env.BENCH_PORT) || (await freePort());
  if (kind === "baseline") {
    const server = await startBaseline(port);
    stop = () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    send({ type: "ready", port });
  } else {
    const red = await startRed(port);
    stop = red.stop;
    send({ type: "ready", port, nodeRedVersion: red.version });
  }
}

if (require.main === module) {
  const kind = process.argv[2] === "baseline" ? "baseline" : "ours";
  main(kind).catch((err: unknown) => {
    send({ type: "failed", error: err instanceof Error ? err.message : String(err) });
    setTimeout(() => process.exit(1), 100);
  });
}

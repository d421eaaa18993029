// The success reply of an accepted post goes out right after its fan-out, at the start of the
// check phase: one setImmediate per event-loop turn, queued before the messages Node-RED delivers
// with setImmediate, so replies still leave before any flow node runs. In between, a flow stop
// started from an I/O callback (an editor deploy saving to disk) may close the subscriptions and
// drop the queued messages; those posts are then cut off unconfirmed (the camera sees a reset, as
// for any post around a deploy): a success reply means the message reached a running flow.
import type { ServerResponse } from "node:http";
import { sendSuccess } from "./responses";

/** The subscriptions (routes) that took a post. */
interface Taker {
  readonly isClosed: boolean;
}

interface Pending {
  res: ServerResponse;
  takers: readonly Taker[];
}

let queue: Pending[] = [];

function flush(): void {
  const batch = queue;
  queue = [];
  for (const { res, takers } of batch) {
    const socket = res.socket;
    if (res.headersSent || res.destroyed || socket === null || socket.destroyed) continue;
    if (takers.some((taker) => taker.isClosed)) {
      socket.destroy();
      continue;
    }
    try {
      sendSuccess(res);
    } catch {
      socket.destroy(); // one broken response must not cost the others theirs
    }
  }
}

/** Call before the fan-out, so that the flush is queued ahead of the flow's deliveries. */
export function sendSuccessAfterHandoff(res: ServerResponse, takers: readonly Taker[]): void {
  if (queue.length === 0) setImmediate(flush);
  queue.push({ res, takers });
}

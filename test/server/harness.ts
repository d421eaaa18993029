// Subscribing to a private PortRegistry and recording what the subscriber is told.
import type { ConnectionChange, Delivery, PortRegistry, PortState, Problem, SubscribeOptions, Subscriber, Subscription } from "../../src/server";
import { eventually } from "../support/raw-http";

export interface Recorded {
  messages: Delivery[];
  problems: Problem[];
  changes: ConnectionChange[];
  states: PortState[];
  subscriber: Subscriber;
}

export function recorder(): Recorded {
  const rec: Recorded = {
    messages: [],
    problems: [],
    changes: [],
    states: [],
    subscriber: {
      message: (d) => rec.messages.push(d),
      problem: (p) => rec.problems.push(p),
      connection: (c) => rec.changes.push(c),
      state: (s) => rec.states.push(s),
    },
  };
  return rec;
}

/** Subscribes on 127.0.0.1 and waits until the port is listening (or failed). */
export async function listen(registry: PortRegistry, options: SubscribeOptions, rec: Recorded): Promise<Subscription> {
  const sub = registry.subscribe({ bind: "127.0.0.1", ...options }, rec.subscriber);
  await eventually(() => sub.state().state !== "starting", 2000, "listening");
  return sub;
}

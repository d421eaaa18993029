// viewtron-in: turns the posts its viewtron-config receives into flow messages, one per post of
// the kinds it is set to send. Status: listening / devices, then the last event; red on errors,
// yellow while a device is silent past the watchdog or the config's camera has not posted yet.
import type { Node, NodeAPI, NodeDef, NodeMessage, NodeStatus } from "node-red";
import type { ParsedMessage } from "../protocol/types";
import type { ConnectionChange, Delivery, Problem } from "../server";
import {
  TopicCache, cleanLabel, clock, connectionPayload, deviceLabel, messageId, payloadFor, rawDeliveryLabel, summary, topic, topicCategory,
} from "./messages";
import { StatusLine } from "./status-line";
import { isViewtronConfig, type ConfigListener, type ViewtronConfigNode } from "./viewtron-config";

interface InProperties {
  config?: string;
  events?: boolean;
  alarmStatus?: boolean;
  traject?: boolean;
  connection?: boolean;
  images?: boolean;
  raw?: boolean;
}

type InDef = NodeDef & InProperties;

interface LastEvent {
  message: ParsedMessage;
  at: number;
}

interface Choices {
  event: boolean;
  alarmStatus: boolean;
  traject: boolean;
  connection: boolean;
  images: boolean;
  raw: boolean;
}

// Booleans may arrive as strings from hand-written or imported flows.
const flag = (value: unknown, fallback: boolean): boolean =>
  value === undefined || value === null || value === "" ? fallback : value === true || value === "true";

export default function (RED: NodeAPI): void {
  function ViewtronIn(this: Node, def: InDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const wants: Choices = {
      event: flag(def.events, true),
      alarmStatus: flag(def.alarmStatus, true),
      traject: flag(def.traject, false),
      connection: flag(def.connection, false),
      images: flag(def.images, true),
      raw: flag(def.raw, false),
    };
    const found = def.config ? RED.nodes.getNode(def.config) : null;
    if (!isViewtronConfig(found)) {
      node.status({ fill: "red", shape: "ring", text: RED._("viewtron-in.status.no-config") });
      node.error(RED._("viewtron-in.errors.no-config"));
      return;
    }
    const config: ViewtronConfigNode = found;
    // The summary text is made when the status is drawn (throttled), not for every message.
    let lastEvent: LastEvent | undefined;
    const topics = new TopicCache();
    let reportedFailure: unknown;

    const status = new StatusLine(() => computeStatus(RED, config, lastEvent), (s) => node.status(s));

    const listener: ConfigListener = {
      wantsImages: () => wants.images && wants.event,
      message(delivery: Delivery) {
        const message = delivery.message;
        if (message.kind === "keepalive" || !wants[message.kind]) return;
        const msg: NodeMessage = {
          _msgid: messageId(),
          topic: topics.get(rawDeliveryLabel(config.deviceLabel, delivery), topicCategory(message)),
          payload: payloadFor(message, wants.images),
        };
        if (wants.raw) msg.raw = delivery.text();
        node.send(msg); // the first wire gets this object itself: Node-RED clones only for more wires
        if (message.kind !== "traject") {
          if (lastEvent === undefined) lastEvent = { message, at: delivery.receivedAt };
          else {
            lastEvent.message = message;
            lastEvent.at = delivery.receivedAt;
          }
          status.request();
        }
      },
      connection(change: ConnectionChange) {
        if (!wants.connection) return;
        const label = deviceLabel(config.deviceLabel, change.device);
        node.send({ topic: topic(label, "connection"), payload: connectionPayload(change) });
      },
      problem(problem: Problem) {
        const address = problem.remoteAddress ?? "";
        const msg: NodeMessage = {
          topic: topic(cleanLabel(config.deviceLabel || address), "error"),
          payload: { code: problem.code, reason: problem.message, remoteAddress: address, status: problem.status },
        };
        if (wants.raw && problem.body !== undefined) msg.raw = problem.body.toString("utf8");
        node.error(RED._(`viewtron-in.errors.${problem.code}`, { address, reason: problem.message }), msg);
      },
      changed() {
        const state = config.snapshot().state;
        if (state.state === "failed" && reportedFailure !== state) {
          reportedFailure = state; // one log line per failure, however often the status is redrawn
          const key = state.error.code === "EADDRINUSE" ? "port-in-use" : "listen-failed";
          node.error(RED._(`viewtron-in.errors.${key}`, { port: state.port, error: state.error.code ?? state.error.message }));
        }
        status.now();
      },
    };

    const detach = config.attach(listener);
    status.now();

    node.on("close", (_removed: boolean, done: () => void) => {
      status.stop();
      detach().then(done, done);
    });
  }

  RED.nodes.registerType("viewtron-in", ViewtronIn);
}

function computeStatus(RED: NodeAPI, config: ViewtronConfigNode, lastEvent: LastEvent | undefined): NodeStatus {
  const { state, connected, silent, conflict, waitingFor } = config.snapshot();
  switch (state.state) {
    case "invalid":
      return { fill: "red", shape: "ring", text: RED._("viewtron-in.status.invalid-port", { port: state.port }) };
    case "failed": {
      const key = state.error.code === "EADDRINUSE" ? "port-in-use" : "listen-failed";
      return { fill: "red", shape: "ring", text: RED._(`viewtron-in.status.${key}`, { port: state.port, error: state.error.code ?? "" }) };
    }
    case "idle":
    case "starting":
    case "closed":
      return { fill: "grey", shape: "ring", text: RED._("viewtron-in.status.starting", { port: state.port }) };
    case "listening":
      break;
  }
  if (conflict !== undefined) {
    return { fill: "red", shape: "ring", text: RED._(`viewtron-in.status.${conflict.code}`, { port: state.port, path: conflict.path ?? "" }) };
  }
  if (silent.length > 0) {
    const first = silent[0];
    const device = deviceLabel("", first);
    return { fill: "yellow", shape: "ring", text: RED._("viewtron-in.status.silent", { device, count: silent.length, since: clock(first.lastSeen) }) };
  }
  // The camera set in the config has not posted: the usual "why does nothing arrive" moment.
  if (waitingFor !== undefined) {
    return { fill: "yellow", shape: "ring", text: RED._("viewtron-in.status.waiting", { camera: waitingFor, port: state.port }) };
  }
  if (lastEvent !== undefined) {
    return { fill: "green", shape: "dot", text: RED._("viewtron-in.status.event", { event: summary(lastEvent.message), time: clock(lastEvent.at), devices: connected }) };
  }
  return { fill: "green", shape: "dot", text: RED._("viewtron-in.status.listening", { port: state.port, devices: connected }) };
}

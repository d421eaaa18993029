// viewtron-config: one camera endpoint (port, path, security, device identity, watchdog) and
// optionally the camera's configuration API login (see camera-admin/ for the editor's actions).
// Holds the port subscription while at least one viewtron-in uses it, and fans its posts out
// to every attached viewtron-in. Transport problems are logged here, once per cause.
import type { Node, NodeAPI, NodeDef } from "node-red";
import { subscribe } from "../server";
import type { ConnectionChange, Delivery, PortState, Problem, Subscriber, Subscription, TrackedDevice } from "../server";
import { parseCameraAddress } from "../camera";
import { CameraPresence } from "./camera-presence";
import { registerCameraAdmin } from "./camera-admin/routes";
import { readSettings, type ConfigCredentials, type ConfigProperties } from "./config-settings";

/** What a viewtron-in registers with its config. */
export interface ConfigListener {
  wantsImages(): boolean;
  message(delivery: Delivery): void;
  connection(change: ConnectionChange): void;
  /** Problems with a body (parse errors): for `node.error(err, msg)` so Catch nodes see them. */
  problem(problem: Problem): void;
  /** Port state, conflicts or devices changed: re-render the status. */
  changed(): void;
}

export type ConfigState = PortState | { state: "invalid"; port: string } | { state: "idle"; port: number };

export interface ConfigSnapshot {
  state: ConfigState;
  connected: number;
  silent: TrackedDevice[];
  conflict: Problem | undefined;
  /** The configured camera's host while it has not posted yet. */
  waitingFor: string | undefined;
}

export interface ViewtronConfigNode extends Node<ConfigCredentials> {
  /** The configured name ("" when none): preferred device part of msg.topic. */
  deviceLabel: string;
  /** Returns the detach function; detaching the last listener releases the port. */
  attach(listener: ConfigListener): () => Promise<void>;
  snapshot(): ConfigSnapshot;
}

type ConfigDef = NodeDef & ConfigProperties;

/** Codes the config logs itself (no message context a Catch node could use). */
const CONFLICTS = new Set<Problem["code"]>(["auth-conflict", "bind-conflict"]);

export function isViewtronConfig(node: Node | null | undefined): node is ViewtronConfigNode {
  return node !== null && node !== undefined && node.type === "viewtron-config" && typeof (node as Partial<ViewtronConfigNode>).attach === "function";
}

export default function (RED: NodeAPI): void {
  registerCameraAdmin(RED);

  function ViewtronConfig(this: ViewtronConfigNode, def: ConfigDef): void {
    RED.nodes.createNode(this, def);
    const node = this;
    const settings = readSettings(def, node.credentials);
    const listeners = new Set<ConfigListener>();
    let subscription: Subscription | undefined;
    let releasing: Promise<void> = Promise.resolve();
    let portState: PortState | undefined;
    let conflict: Problem | undefined;

    node.deviceLabel = (def.name ?? "").trim();
    if (settings.port === undefined) node.error(RED._("viewtron-config.errors.invalid-port", { port: settings.portText }));
    const presence = new CameraPresence(def.cameraAddress);
    if (presence.host === "" && (def.cameraAddress ?? "").trim() !== "") {
      node.warn(RED._("viewtron-config.errors.invalid-camera-address", { address: def.cameraAddress ?? "", reason: addressProblem(def.cameraAddress ?? "") }));
    }

    const each = (fn: (listener: ConfigListener) => void): void => {
      for (const listener of listeners) {
        try {
          fn(listener);
        } catch (err) {
          node.error(err); // one listener's fault must not starve the others
        }
      }
    };

    const subscriber: Subscriber = {
      message: (delivery) => {
        // `each` without a closure per post.
        for (const listener of listeners) {
          try {
            listener.message(delivery);
          } catch (err) {
            node.error(err);
          }
        }
      },
      connection: (change) => {
        if (change.state === "up") presence.observe(change.device);
        each((listener) => listener.connection(change));
        each((listener) => listener.changed());
      },
      problem: (problem) => {
        if (problem.error !== undefined) {
          each((listener) => listener.problem(problem));
          return;
        }
        if (CONFLICTS.has(problem.code)) {
          conflict = problem;
          each((listener) => listener.changed());
        }
        node.warn(RED._(`viewtron-config.warnings.${problem.code}`, {
          port: settings.portText,
          path: problem.path ?? "",
          address: problem.remoteAddress ?? "",
          reason: problem.message,
        }));
      },
      state: (state) => {
        portState = state;
        each((listener) => listener.changed());
      },
    };

    // Asked once per post: decode images only if some attached viewtron-in will send them.
    const wantsImages = (): boolean => {
      for (const listener of listeners) if (listener.wantsImages()) return true;
      return false;
    };

    const release = (): Promise<void> => {
      const current = subscription;
      subscription = undefined;
      portState = undefined;
      conflict = undefined;
      if (current !== undefined) releasing = current.close();
      return releasing;
    };

    node.attach = (listener) => {
      listeners.add(listener);
      if (subscription === undefined && settings.port !== undefined) {
        const current = subscribe(
          { ...settings.options, port: settings.port, wantsImages },
          subscriber,
        );
        subscription = current;
        const known = (): TrackedDevice[] => [...current.connectedDevices(), ...current.silentDevices()];
        void presence.resolve(known).then((found) => {
          if (found) each((l) => l.changed());
        });
      }
      let detached = false;
      return () => {
        if (!detached) {
          detached = true;
          listeners.delete(listener);
          if (listeners.size === 0) return release();
        }
        return releasing;
      };
    };

    node.snapshot = () => {
      let state: ConfigState;
      if (settings.port === undefined) state = { state: "invalid", port: settings.portText };
      else state = portState ?? { state: subscription === undefined ? "idle" : "starting", port: settings.port };
      return {
        state,
        connected: subscription?.connectedDevices().length ?? 0,
        silent: subscription?.silentDevices() ?? [],
        conflict,
        waitingFor: presence.waiting ? presence.host : undefined,
      };
    };

    node.on("close", (_removed: boolean, done: () => void) => {
      listeners.clear();
      presence.close();
      release().then(done, done);
    });
  }

  RED.nodes.registerType<ViewtronConfigNode, ConfigDef, Record<string, never>, ConfigCredentials>("viewtron-config", ViewtronConfig, {
    credentials: {
      user: { type: "text" },
      password: { type: "password" },
      cameraUser: { type: "text" },
      cameraPassword: { type: "password" },
    },
  });
}

function addressProblem(address: string): string {
  try {
    parseCameraAddress(address);
    return "";
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

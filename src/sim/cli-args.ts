// Command-line options of `viewtron-simulate`, parsed with node:util parseArgs.
import { parseArgs } from "node:util";
import { eventTypeNames } from "./event-types";
import { SCENARIOS } from "./scenarios";
import type { ImageSize, KeepaliveForm, SimFormat, SimKind } from "./sim-types";

export const USAGE = `Usage: viewtron-simulate --url URL [options]

Posts Viewtron camera / NVR webhooks to URL like a camera does (one persistent HTTP/1.1
connection per camera; NVR format: a connection per post, Connection: close) and checks that
every answer is HTTP 200 with <status>success</status>. Exit code 0 when all were, 1 when not or
when the server could not be reached, 2 for bad options.

What to send (default: one IPC plate event):
  --format ipc|nvr           body and transport format (default ipc, or nvr for NVR type words)
  --kind KIND                event | alarmStatus | traject | keepalive (default event)
  --type TYPE                IPC: ${eventTypeNames("ipc").join(", ")}
                             NVR: ${eventTypeNames("nvr").join(", ")}
                             or a category: lpr, intrusion, lineCrossing, face, zoneEntry, ...
  --plate TEXT               plate number (default: a new made-up plate per post)
  --group NAME               plate list/group (IPC: whiteList, blackList, temporaryList)
  --direction WORD           IPC plate direction: approach | away
  --off                      alarm status "off" (default on)
  --keepalive-form FORM      IPC heartbeat body: empty | envelope | deviceInfo (default empty)
  --images                   real JPEGs: overview 2688x1520 (~400 KB), crop 320x240
  --overview WxH             overview size (implies --images); --overview 0 for none
  --crop WxH                 crop size (implies --images); --crop 0 for none
  --scenario NAME            ${SCENARIOS.join(" | ")}
  --file PATH                post this file as it is (repeatable; cycles through the files)

How:
  --count N                  posts per camera (default: 1, a scenario's length or the files)
  --duration SECONDS         stop after this time (without --count: post until then)
  --rate N                   posts per second per camera (default: as fast as answered)
  --cameras N                cameras posting at once, each on its own connection (default 1)
  --heartbeat SECONDS        heartbeat interval; alone it keeps the cameras connected until Ctrl-C
  --user U --password P      HTTP Basic credentials
  --timeout MS               per-post answer timeout (default 10000)
  --seed N                   seed for made-up plates and ids (default 1)
  --quiet                    print the summary only
  --help                     this text

Examples:
  viewtron-simulate --url http://127.0.0.1:5002/API
  viewtron-simulate --url http://127.0.0.1:5002/API --scenario car-arrives --images
  viewtron-simulate --url http://127.0.0.1:5002/API --format nvr --type regionIntrusion --count 100 --rate 20 --cameras 4
`;

export interface CliOptions {
  help: boolean;
  url?: string;
  format?: SimFormat;
  kind: SimKind;
  type?: string;
  plate?: string;
  group?: string;
  direction?: string;
  active: boolean;
  keepalive?: KeepaliveForm;
  images: boolean;
  overview?: ImageSize | false;
  crop?: ImageSize | false;
  scenario?: string;
  files: string[];
  count?: number;
  durationSec?: number;
  rate?: number;
  cameras: number;
  heartbeatSec?: number;
  user?: string;
  password?: string;
  timeoutMs?: number;
  seed: number;
  quiet: boolean;
}

/** A usage mistake: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const KINDS: readonly SimKind[] = ["event", "alarmStatus", "traject", "keepalive"];
const FORMS: readonly KeepaliveForm[] = ["empty", "envelope", "deviceInfo"];

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw new UsageError(`--${name} must be one of ${allowed.join(", ")} (got "${value}")`);
  return found;
}

function number(name: string, value: string | undefined, min: number, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} needs ${integer ? "an integer" : "a number"} >= ${min} (got "${value}")`);
  }
  return n;
}

function size(name: string, value: string | undefined): ImageSize | false | undefined {
  if (value === undefined) return undefined;
  if (value === "0" || value.toLowerCase() === "none") return false;
  const m = /^(\d{1,5})x(\d{1,5})$/i.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[1]) > 8192 || Number(m[2]) > 8192) {
    throw new UsageError(`--${name} needs WIDTHxHEIGHT up to 8192x8192, or 0 (got "${value}")`);
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function parseCli(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        url: { type: "string" },
        format: { type: "string" },
        kind: { type: "string" },
        type: { type: "string" },
        plate: { type: "string" },
        group: { type: "string" },
        direction: { type: "string" },
        off: { type: "boolean" },
        "keepalive-form": { type: "string" },
        images: { type: "boolean" },
        overview: { type: "string" },
        crop: { type: "string" },
        scenario: { type: "string" },
        file: { type: "string", multiple: true },
        count: { type: "string" },
        duration: { type: "string" },
        rate: { type: "string" },
        cameras: { type: "string" },
        heartbeat: { type: "string" },
        user: { type: "string" },
        password: { type: "string" },
        timeout: { type: "string" },
        seed: { type: "string" },
        quiet: { type: "boolean", short: "q" },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const options: CliOptions = {
    help: values.help === true,
    kind: oneOf("kind", values.kind, KINDS) ?? "event",
    active: values.off !== true,
    images: values.images === true || values.overview !== undefined || values.crop !== undefined,
    files: values.file ?? [],
    cameras: number("cameras", values.cameras, 1, true) ?? 1,
    seed: number("seed", values.seed, 0, true) ?? 1,
    quiet: values.quiet === true,
  };
  const set = <K extends keyof CliOptions>(key: K, value: CliOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set("url", values.url);
  set("format", oneOf<SimFormat>("format", values.format, ["ipc", "nvr"]));
  set("type", values.type);
  set("plate", values.plate);
  set("group", values.group);
  set("direction", values.direction);
  set("keepalive", oneOf("keepalive-form", values["keepalive-form"], FORMS));
  set("overview", size("overview", values.overview));
  set("crop", size("crop", values.crop));
  set("scenario", values.scenario);
  set("count", number("count", values.count, 1, true));
  set("durationSec", number("duration", values.duration, 0));
  set("rate", number("rate", values.rate, 0));
  set("heartbeatSec", number("heartbeat", values.heartbeat, 0.01));
  set("user", values.user);
  set("password", values.password);
  set("timeoutMs", number("timeout", values.timeout, 1, true));
  if (options.help) return options;
  if (options.url === undefined) throw new UsageError("--url is required");
  if (options.scenario !== undefined && options.files.length > 0) throw new UsageError("use either --scenario or --file");
  if (options.password !== undefined && options.user === undefined) throw new UsageError("--password needs --user");
  return options;
}

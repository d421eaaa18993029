// What a simulated camera posts, one step at a time: generated bodies, a scenario, or files.
import { parseMessage } from "../protocol/parse";
import { generateBody } from "./generate";
import { scenarioSteps } from "./scenarios";
import type { GeneratedBody, GenerateOptions, SimDevice, SimFormat } from "./sim-types";

/** How a post is described in reports. */
export interface PostLabel {
  kind: string;
  /** smartType, or the alarm name for alarm status. */
  type?: string;
  plate?: string;
  /** Alarm status on/off. */
  active?: boolean;
  /** The file a body came from. */
  file?: string;
}

export interface FeedStep {
  body: string | Buffer;
  label: PostLabel;
  /** Pause before this post when no rate is set (scenarios keep their natural pace). */
  delayMs?: number;
}

export interface Feed {
  /** Steps in one pass (the count a run defaults to). */
  readonly length: number;
  /** Step `index` (0-based); feeds repeat after `length`. */
  step(index: number): FeedStep;
}

/** Builds the feed of camera `camera` (1-based) with its identity. */
export type FeedFactory = (camera: number, device: SimDevice) => Feed;

export function labelOf(generated: GeneratedBody): PostLabel {
  const label: PostLabel = { kind: generated.kind };
  const type = generated.alarm?.name ?? generated.smartType;
  if (type !== undefined) label.type = type;
  if (generated.plate) label.plate = generated.plate.number;
  if (generated.alarm) label.active = generated.alarm.active;
  return label;
}

/** Seeds differ per camera and per post, so that plates and ids vary. */
const seedOf = (base: number, camera: number, index: number): number => base + camera * 1_000_003 + index * 7919;

/** The same kind of body each time, with fresh time, ids and (unless fixed) plate. */
export function generatorFeed(options: GenerateOptions): FeedFactory {
  return (camera, device) => ({
    length: 1,
    step(index) {
      const generated = generateBody({ ...options, device, seed: seedOf(options.seed ?? 1, camera, index), timeUs: Date.now() * 1000 });
      return { body: generated.body, label: labelOf(generated) };
    },
  });
}

export interface ScenarioFeedOptions {
  name: string;
  format: SimFormat;
  images?: GenerateOptions["images"];
  seed?: number;
}

/** A scenario, repeated; ids and plates change with every pass. */
export function scenarioFeed(options: ScenarioFeedOptions): FeedFactory {
  const probe = scenarioSteps(options.name, { format: options.format, seed: 1, startUs: Date.now() * 1000 });
  return (camera, device) => {
    let pass = -1;
    let steps = probe;
    return {
      length: probe.length,
      step(index) {
        const wanted = Math.floor(index / probe.length);
        if (wanted !== pass) {
          pass = wanted;
          steps = scenarioSteps(options.name, {
            format: options.format, seed: seedOf(options.seed ?? 1, camera, pass), startUs: Date.now() * 1000,
          });
        }
        const step = steps[index % steps.length];
        const generated = generateBody({
          timeUs: Date.now() * 1000,
          ...step.options,
          format: options.format,
          device,
          seed: seedOf(options.seed ?? 1, camera, index),
          images: step.options.kind === undefined || step.options.kind === "event" ? options.images : undefined,
        });
        return { body: generated.body, label: labelOf(generated), delayMs: step.delayMs };
      },
    };
  };
}

export interface FileBody {
  name: string;
  body: Buffer;
}

/** What a file holds, read with our own parser (labels only; the bytes are posted as they are). */
function fileLabel(file: FileBody): PostLabel {
  try {
    const parsed = parseMessage(file.body, { images: false });
    const label: PostLabel = { kind: parsed.kind, file: file.name };
    if (parsed.kind === "event") {
      label.type = parsed.smartType;
      if (parsed.plate) label.plate = parsed.plate.number;
    } else if (parsed.kind === "alarmStatus") {
      label.type = parsed.alarmType;
      label.active = parsed.active;
    }
    return label;
  } catch {
    return { kind: "unparsed", file: file.name };
  }
}

/** Files posted byte for byte, in order, repeated. */
export function filesFeed(files: FileBody[]): FeedFactory {
  const labels = files.map(fileLabel);
  return () => ({
    length: files.length,
    step: (index) => ({ body: files[index % files.length].body, label: labels[index % files.length] }),
  });
}

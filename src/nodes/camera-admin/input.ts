// The JSON body of the camera admin endpoints, checked field by field. Missing fields fall back
// to the deployed config node named by `id`, so an API caller may send just `{ "id": ... }`; the
// editor sends its form values, which also covers an undeployed or edited config node.
import { isIP } from "node:net";
import { parseCameraAddress, type CameraAddress } from "../../camera";
import type { InChoices } from "./data-types";

/** What Node-RED's editor puts in a password field whose stored value it does not show. */
export const PASSWORD_PLACEHOLDER = "__PWRD__";

/** A request the endpoint refuses with 400. `field` names the offending property. */
export class InputError extends Error {
  constructor(readonly field: string, message: string, readonly code = "invalid-input") {
    super(message);
    this.name = "InputError";
  }
}

/** The deployed config node: its flow properties and stored credentials, when `id` names one. */
export interface StoredConfig {
  props: Record<string, unknown>;
  cameraUser?: string;
  cameraPassword?: string;
  /** Choices of the deployed viewtron-in nodes that use it. */
  inputs: InChoices[];
}

export interface ConnectionInput {
  address: CameraAddress;
  /** As typed, for messages and the status. */
  addressText: string;
  user: string;
  password: string;
}

export interface PostTargetInput {
  port: number;
  /** The listener path; "" = any path. */
  path: string;
  bind: string;
  serverAddress: string;
  heartbeat: number;
  inputs: InChoices[];
  replace: boolean;
}

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62})?)*\.?$/;
const MAX_INPUTS = 200;

type Body = Record<string, unknown>;

/** The request body as an object, or a 400. */
export function bodyObject(body: unknown): Body {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new InputError("", "the request body must be a JSON object (Content-Type: application/json)");
  }
  return body as Body;
}

/** `id` when given: a node id, nothing else. */
export function configId(body: Body): string | undefined {
  const id = body.id;
  if (id === undefined || id === null || id === "") return undefined;
  if (typeof id !== "string" || !ID.test(id)) throw new InputError("id", "id must be the config node's id");
  return id;
}

/** Camera address and login; the password placeholder (or no password) takes the stored one. */
export function connectionInput(body: Body, stored: StoredConfig | undefined): ConnectionInput {
  const addressText = text(body, "address", 300) ?? stringProp(stored?.props.cameraAddress) ?? "";
  if (addressText.trim() === "") throw new InputError("address", "the camera address is empty");
  let address: CameraAddress;
  try {
    address = parseCameraAddress(addressText);
  } catch (err) {
    throw new InputError("address", err instanceof Error ? err.message : String(err));
  }
  const user = text(body, "user", 128) ?? stored?.cameraUser ?? "";
  let password = text(body, "password", 256);
  if (password === PASSWORD_PLACEHOLDER || password === undefined) {
    if (stored?.cameraPassword === undefined && password === PASSWORD_PLACEHOLDER) {
      throw new InputError("password", "no password is stored for this configuration yet: type it again", "no-stored-password");
    }
    password = stored?.cameraPassword ?? "";
  }
  return { address, addressText: addressText.trim(), user, password };
}

/** Where the camera should post: the form's listener settings, else the deployed node's. */
export function postTargetInput(body: Body, stored: StoredConfig | undefined): PostTargetInput {
  const props = stored?.props ?? {};
  const port = wholeNumber(body.port ?? props.port ?? 5002, "port", 1, 65535);
  const pathValue = body.path !== undefined ? text(body, "path", 128) ?? "" : stringProp(props.path) ?? "/API";
  const path = pathValue.trim() === "*" ? "" : pathValue.trim();
  if (path !== "" && !/^\/[^\s?#]*$/.test(path)) throw new InputError("path", "path must start with \"/\" and have no spaces, \"?\" or \"#\"");
  const bind = (text(body, "bind", 64) ?? stringProp(props.bind) ?? "").trim();
  const serverAddress = (text(body, "serverAddress", 253) ?? stringProp(props.serverAddress) ?? "").trim();
  if (serverAddress !== "" && isIP(serverAddress) === 0 && !HOST_NAME.test(serverAddress)) {
    throw new InputError("serverAddress", "the Node-RED address must be an IP address or host name");
  }
  const heartbeatValue = body.heartbeat ?? props.heartbeat;
  const heartbeat = heartbeatValue === undefined || heartbeatValue === "" ? 60 : wholeNumber(heartbeatValue, "heartbeat", 30, 120);
  const replace = body.replace === undefined ? false : body.replace === true;
  if (body.replace !== undefined && typeof body.replace !== "boolean") throw new InputError("replace", "replace must be true or false");
  return { port, path, bind, serverAddress, heartbeat, inputs: inputsOf(body, stored), replace };
}

function inputsOf(body: Body, stored: StoredConfig | undefined): InChoices[] {
  if (body.inputs === undefined) return stored?.inputs ?? [];
  if (!Array.isArray(body.inputs) || body.inputs.length > MAX_INPUTS) {
    throw new InputError("inputs", `inputs must be a list of at most ${MAX_INPUTS} viewtron-in settings`);
  }
  return body.inputs.map((entry: unknown) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new InputError("inputs", "each input must be an object");
    const { events, alarmStatus, traject, images } = entry as Record<string, unknown>;
    for (const value of [events, alarmStatus, traject, images]) {
      if (value !== undefined && typeof value !== "boolean" && value !== "true" && value !== "false") {
        throw new InputError("inputs", "input choices must be true or false");
      }
    }
    return { events, alarmStatus, traject, images };
  });
}

/** A string property (undefined when absent), bounded in length. */
function text(body: Body, name: string, max: number): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InputError(name, `${name} must be a string`);
  if (value.length > max) throw new InputError(name, `${name} is longer than ${max} characters`);
  return value;
}

function stringProp(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function wholeNumber(value: unknown, name: string, min: number, max: number): number {
  const raw = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const n = Number(raw);
  if (!/^\d{1,6}$/.test(raw) || n < min || n > max) throw new InputError(name, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

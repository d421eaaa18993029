// Client for the camera configuration API: POST http(s)://host[:port]/<Command>[/<channel>],
// Basic auth first, Digest when the camera challenges for it (PROTOCOL.md 6.1).
import { parseXml, bodyText, attr, type XmlDocument } from "../protocol/xml";
import { ViewtronParseError } from "../protocol/errors";
import { CameraError, API_ERROR_TEXT } from "./errors";
import { parseCameraAddress, formatHostPort, type CameraAddress } from "./address";
import { parseChallenges, pickDigest, digestAuthorization, type AuthChallenge } from "./digest";
import { exchange, type RawReply } from "./transport";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface CameraClientOptions {
  /** `host[:port]`, optionally with `http://` or `https://`, or an already parsed address. */
  address: string | CameraAddress;
  user: string;
  password: string;
  /** Deadline for one call, Digest retry included. Default 10 s. */
  timeoutMs?: number;
  /** Largest reply accepted. Default 1 MB (config replies are a few KB). */
  maxBodyBytes?: number;
  /** Accept self-signed HTTPS certificates (what cameras ship with). Default true. */
  allowSelfSigned?: boolean;
}

export interface SendOptions {
  /** Channel id appended as `/<channel>`. */
  channel?: number | string;
  /** XML request body (Set commands). */
  body?: string;
}

/** A successful reply: HTTP 2xx, a `<config>` document that is not an error. */
export interface CameraReply {
  command: string;
  status: number;
  doc: XmlDocument;
}

const COMMAND = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const CHANNEL = /^\d{1,4}$/;
// Digest: one fresh challenge, plus one more if the server says our nonce went stale.
const MAX_ATTEMPTS = 3;

export class CameraClient {
  readonly address: CameraAddress;
  readonly user: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly allowSelfSigned: boolean;
  // A private field: invisible to JSON.stringify and util.inspect, so never logged by accident.
  readonly #password: string;
  // The last Digest challenge: later calls answer it directly instead of leading with Basic.
  #digest: { challenge: AuthChallenge; nc: number } | undefined;

  constructor(options: CameraClientOptions) {
    this.address = typeof options.address === "string" ? parseCameraAddress(options.address) : options.address;
    this.user = options.user;
    this.#password = options.password;
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.maxBodyBytes = positive(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
    this.allowSelfSigned = options.allowSelfSigned ?? true;
  }

  /** `http://host:port`, for messages. */
  get origin(): string {
    return `${this.address.protocol}://${formatHostPort(this.address)}`;
  }

  /** Sends one command; resolves with the parsed reply or rejects with a CameraError. */
  async send(command: string, options: SendOptions = {}): Promise<CameraReply> {
    if (!COMMAND.test(command)) throw new RangeError(`invalid command name "${command}"`);
    const channel = options.channel === undefined ? "" : String(options.channel);
    if (channel !== "" && !CHANNEL.test(channel)) throw new RangeError(`invalid channel "${channel}"`);
    try {
      const raw = await this.#authenticated(command, channel === "" ? `/${command}` : `/${command}/${channel}`, options.body);
      return interpret(command, raw, this.origin);
    } catch (err) {
      throw err instanceof CameraError ? this.#redacted(err) : err;
    }
  }

  async #authenticated(command: string, path: string, bodyText?: string): Promise<RawReply> {
    const body = bodyText === undefined ? undefined : Buffer.from(bodyText, "utf8");
    const deadline = Date.now() + this.timeoutMs;
    let freshDigest = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {
        "Authorization": this.#authorization(path, body),
        "Accept": "application/xml, text/xml, */*",
        "User-Agent": "node-red-contrib-viewtron-events",
        "Content-Length": String(body?.length ?? 0),
      };
      if (body) headers["Content-Type"] = "application/xml";
      const reply = await exchange({
        address: this.address, path, headers, body, command,
        timeoutMs: deadline - Date.now(), maxBodyBytes: this.maxBodyBytes, allowSelfSigned: this.allowSelfSigned,
      });
      if (reply.status !== 401) return reply;
      const challenge = pickDigest(parseChallenges(reply.challenges));
      const stale = (challenge?.params.stale ?? "").toLowerCase() === "true";
      if (!challenge || (freshDigest && !stale) || attempt >= MAX_ATTEMPTS) {
        this.#digest = undefined;
        throw authError(command, this.user, reply, challenge === undefined);
      }
      this.#digest = { challenge, nc: 0 };
      freshDigest = true;
    }
  }

  #authorization(path: string, body: Buffer | undefined): string {
    if (!this.#digest) return `Basic ${Buffer.from(`${this.user}:${this.#password}`, "utf8").toString("base64")}`;
    this.#digest.nc += 1;
    return digestAuthorization({
      challenge: this.#digest.challenge, user: this.user, password: this.#password,
      method: "POST", uri: path, nc: this.#digest.nc, body,
    });
  }

  // Camera-supplied texts (errorDesc, redirect targets) end up in messages; a hostile device
  // could echo the password it was sent with Basic auth. Short passwords would blank common
  // letters, so only those of 3+ characters are searched for.
  #redacted(err: CameraError): CameraError {
    const secret = this.#password;
    if (secret.length < 3 || !err.message.includes(secret)) return err;
    const scrub = (text: string): string => text.split(secret).join("***");
    const { apiErrorCode, apiErrorDesc, httpStatus, command } = err;
    return new CameraError(err.code, scrub(err.message), {
      apiErrorCode, httpStatus, command, apiErrorDesc: apiErrorDesc === undefined ? undefined : scrub(apiErrorDesc),
    });
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function authError(command: string, user: string, reply: RawReply, noDigest: boolean): CameraError {
  const digestOffered = reply.challenges.some((c) => /^\s*digest/i.test(c));
  const why = noDigest && digestOffered
    ? "the camera asks for a Digest variant this client does not support"
    : `user "${user}" or its password was refused`;
  return new CameraError("auth", `${command}: ${why}`, { command, httpStatus: 401 });
}

const HTML = /^\s*(<!doctype\s+html|<html[\s>])/i;

/** HTTP reply -> parsed `<config>` document, or the CameraError that describes it. */
function interpret(command: string, raw: RawReply, origin: string): CameraReply {
  const { status } = raw;
  const details = { command, httpStatus: status };
  const text = bodyText(raw.body);
  const contentType = String(raw.headers["content-type"] ?? "").toLowerCase();
  if (status === 403) return fail("auth", `${command}: user lacks permission (HTTP 403)`);
  if (status >= 300 && status < 400) {
    const location = String(raw.headers.location ?? "").slice(0, 200);
    return fail("bad-response", `${origin} redirects ${command}${location ? ` to ${location}` : ""}; use that address (http or https, port)`);
  }
  if (contentType.includes("html") || HTML.test(text)) {
    return fail("not-viewtron", `${origin} answered ${command} with a web page, not the Viewtron configuration API: check the address and port`);
  }
  if (status === 404) return fail("not-viewtron", `${origin} does not know ${command} (HTTP 404): is this a Viewtron camera?`);
  if (text.trim() === "") {
    if (status === 400 || status === 405 || status === 501) return fail("unsupported", `the device does not support ${command} (HTTP ${status}, empty reply)`);
    return fail("bad-response", `empty reply to ${command} (HTTP ${status})`);
  }
  if (!text.trimStart().startsWith("<")) {
    return fail(status < 300 ? "not-viewtron" : "bad-response", `${origin} answered ${command} with something that is not XML (HTTP ${status})`);
  }
  let doc: XmlDocument;
  try {
    doc = parseXml(text);
  } catch (err) {
    const why = err instanceof ViewtronParseError ? err.message : "unreadable XML";
    return fail("bad-response", `the reply to ${command} is not usable XML: ${why}`);
  }
  if (doc.rootName !== "config") {
    return fail("not-viewtron", `${origin} answered ${command} with <${doc.rootName}>, not a Viewtron <config> document`);
  }
  const failed = attr(doc.root, "status")?.toLowerCase() === "failed";
  const codeText = attr(doc.root, "errorCode");
  if (failed || (codeText !== undefined && codeText !== "0")) {
    const code = Number(codeText);
    const desc = attr(doc.root, "errorDesc");
    const meaning = desc || API_ERROR_TEXT[code] || "no description";
    const apiDetails = { ...details, ...(Number.isInteger(code) ? { apiErrorCode: code } : {}), ...(desc ? { apiErrorDesc: desc } : {}) };
    throw new CameraError("api-error", `the camera refused ${command}: error ${codeText ?? "?"} (${meaning})`, apiDetails);
  }
  if (status < 200 || status >= 300) return fail("bad-response", `unexpected HTTP ${status} for ${command}`);
  return { command, status, doc };

  function fail(code: CameraError["code"], message: string): never {
    throw new CameraError(code, message, details);
  }
}

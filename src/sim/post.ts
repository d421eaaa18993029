// One POST the way the devices send it, and the check of the answer: HTTP 200 with the
// `<status>success</status>` document (PROTOCOL.md 1.1, 1.4).
import * as http from "node:http";
import * as https from "node:https";
import * as zlib from "node:zlib";
import type { Socket } from "node:net";
import type { SimFormat } from "./sim-types";

export interface PostTarget {
  url: URL;
  format: SimFormat;
  /** IPC: the camera's one keep-alive agent; NVR: none (a new connection per post). */
  agent: http.Agent | false;
  /** `Authorization` header value, when credentials are set. */
  authorization?: string;
  timeoutMs: number;
  /** Told about every socket a request gets (to count connections). */
  onSocket?: (socket: Socket) => void;
}

export interface PostOutcome {
  ok: boolean;
  /** HTTP status, when an answer came. */
  status?: number;
  /** Send to end of answer. */
  ms: number;
  /** Why it failed: `HTTP 500`, `not the success reply`, `ECONNREFUSED`, ... */
  error?: string;
  /** Error code of a transport failure (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...). */
  code?: string;
  /** The request went out on a socket that had carried an earlier post. */
  reusedSocket: boolean;
  /** Nothing of the answer arrived (a retry on a fresh socket is safe). */
  noAnswer: boolean;
}

const SUCCESS = /<status>\s*success\s*<\/status>/;

function headers(target: PostTarget, length: number): http.OutgoingHttpHeaders {
  const h: http.OutgoingHttpHeaders =
    target.format === "nvr"
      ? { "Content-Type": "application/soap+xml; charset=utf-8", Connection: "close" }
      : { "Content-Type": "application/xml; charset=utf-8", Connection: "keep-alive", "Accept-Encoding": "gzip, deflate" };
  h["Content-Length"] = length;
  if (target.authorization) h.Authorization = target.authorization;
  return h;
}

function decode(raw: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === "gzip") return zlib.gunzipSync(raw).toString("utf8");
    if (encoding === "deflate") return zlib.inflateSync(raw).toString("utf8");
  } catch {
    return "";
  }
  return raw.toString("utf8");
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}

export function postBody(target: PostTarget, body: Buffer): Promise<PostOutcome> {
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  const { url } = target;
  const secure = url.protocol === "https:";
  // The NVR puts the absolute URL in the request line; IPCs the path.
  const path = target.format === "nvr" ? `${url.protocol}//${url.host}${url.pathname}${url.search}` : `${url.pathname}${url.search}`;
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    const finish = (outcome: Omit<PostOutcome, "ms" | "reusedSocket" | "noAnswer">): void => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, ms: elapsed(), reusedSocket: req.reusedSocket, noAnswer: !answered });
    };
    const options: http.RequestOptions = {
      method: "POST",
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || (secure ? 443 : 80),
      path,
      agent: target.agent,
      headers: headers(target, body.length),
    };
    const req = (secure ? https : http).request(options, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (err: NodeJS.ErrnoException) => finish({ ok: false, status: res.statusCode, error: err.message, code: err.code }));
      res.on("end", () => {
        const status = res.statusCode;
        const text = decode(Buffer.concat(chunks), res.headers["content-encoding"]);
        if (status !== 200) finish({ ok: false, status, error: `HTTP ${status}` });
        else if (!SUCCESS.test(text)) finish({ ok: false, status, error: "not the success reply" });
        else finish({ ok: true, status });
      });
    });
    req.setTimeout(target.timeoutMs, () => {
      req.destroy(Object.assign(new Error(`no answer within ${target.timeoutMs} ms`), { code: "ETIMEDOUT" }));
    });
    req.on("socket", (socket: Socket) => target.onSocket?.(socket));
    req.on("error", (err: NodeJS.ErrnoException) => finish({ ok: false, error: err.code ?? err.message, code: err.code }));
    req.end(body);
  });
}

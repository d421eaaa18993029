// One HTTP exchange with a deadline and a body cap; network failures become CameraErrors.
import * as http from "node:http";
import * as https from "node:https";
import { CameraError } from "./errors";
import { formatHostPort, type CameraAddress } from "./address";

export interface RawRequest {
  address: CameraAddress;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Milliseconds left for this exchange. */
  timeoutMs: number;
  maxBodyBytes: number;
  allowSelfSigned: boolean;
  command: string;
}

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every WWW-Authenticate value separately (Node joins repeated headers otherwise). */
  challenges: string[];
  body: Buffer;
}

// errno codes that mean "nobody answers at this address".
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "connection refused (nothing listens on that port)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset by the device",
  EPIPE: "connection closed by the device",
  EADDRNOTAVAIL: "address not available",
};

export function exchange(req: RawRequest): Promise<RawReply> {
  const where = `${req.address.protocol}://${formatHostPort(req.address)}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: CameraError | undefined, reply?: RawReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else if (reply) resolve(reply);
    };
    const options: https.RequestOptions = {
      host: req.address.hostname,
      port: req.address.port,
      method: "POST", // "POST always works" (PROTOCOL.md 6.1); GET is not on all firmware
      path: req.path,
      headers: req.headers,
      agent: false, // a fresh connection per call: config calls are rare, no pool to manage
    };
    // Cameras ship self-signed certificates; verification would fail for nearly every user.
    if (req.address.protocol === "https") options.rejectUnauthorized = !req.allowSelfSigned;
    const request = (req.address.protocol === "https" ? https : http).request(options, (res) => {
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > req.maxBodyBytes) {
        finish(tooBig(req));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBodyBytes) finish(tooBig(req));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        const challenges: string[] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i].toLowerCase() === "www-authenticate") challenges.push(res.rawHeaders[i + 1]);
        }
        finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, challenges, body: Buffer.concat(chunks) });
      });
      res.on("error", (err: NodeJS.ErrnoException) => finish(networkError(err, where, req.command)));
    });
    const timer = setTimeout(() => {
      finish(new CameraError("timeout", `${where} did not answer ${req.command} within ${seconds(req.timeoutMs)}`, { command: req.command }));
    }, Math.max(1, req.timeoutMs));
    request.on("error", (err: NodeJS.ErrnoException) => finish(networkError(err, where, req.command)));
    request.end(req.body);
  });
}

function tooBig(req: RawRequest): CameraError {
  return new CameraError("bad-response", `the reply to ${req.command} is larger than ${req.maxBodyBytes} bytes`, { command: req.command });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

// Messages are built from the errno code only: Node's own texts are fine today, but keeping
// them out means nothing from the request can ever leak into what the editor shows.
function networkError(err: NodeJS.ErrnoException, where: string, command: string): CameraError {
  const code = err.code ?? "";
  if (code in UNREACHABLE) return new CameraError("unreachable", `cannot reach ${where}: ${UNREACHABLE[code]}`, { command });
  if (code === "ETIMEDOUT") return new CameraError("timeout", `connecting to ${where} timed out`, { command });
  if (code === "EPROTO" || code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || code.includes("CERT")) {
    return new CameraError("unreachable", `TLS with ${where} failed (${code || "handshake error"}); does the camera use http?`, { command });
  }
  return new CameraError("unreachable", `cannot reach ${where}${code ? ` (${code})` : ""}`, { command });
}

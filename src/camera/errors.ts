// One error type for everything the configuration API can go wrong with, so the editor can show
// a precise hint ("check the password") instead of a stack trace.

export type CameraErrorCode =
  | "unreachable" // no TCP/TLS connection: wrong address, camera off, firewall
  | "timeout" // connected (or trying) but no complete answer in time
  | "auth" // credentials refused (401 after Basic and Digest, or 403)
  | "not-viewtron" // something answers, but not the Viewtron configuration API (HTML, 404, other XML)
  | "unsupported" // a Viewtron device that lacks this command or feature
  | "api-error" // the camera answered <config status="failed" errorCode=…>
  | "bad-response"; // broken, oversized or unexpected reply

export interface CameraErrorDetails {
  /** The camera's `errorCode` attribute, for api-error (and unsupported when the camera said so). */
  apiErrorCode?: number;
  /** The camera's `errorDesc` attribute (v1.9 firmware omits it). */
  apiErrorDesc?: string;
  /** HTTP status of the reply, when there was one. */
  httpStatus?: number;
  /** The command that failed (`GetDeviceInfo`, ...). */
  command?: string;
}

/** Thrown by the camera client. Messages are for people and never contain the password. */
export class CameraError extends Error {
  readonly code: CameraErrorCode;
  readonly apiErrorCode?: number;
  readonly apiErrorDesc?: string;
  readonly httpStatus?: number;
  readonly command?: string;

  constructor(code: CameraErrorCode, message: string, details: CameraErrorDetails = {}) {
    super(message);
    this.name = "CameraError";
    this.code = code;
    if (details.apiErrorCode !== undefined) this.apiErrorCode = details.apiErrorCode;
    if (details.apiErrorDesc !== undefined) this.apiErrorDesc = details.apiErrorDesc;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.command !== undefined) this.command = details.command;
  }
}

/** Meanings of the documented `errorCode` values (PROTOCOL.md 6.1), for messages. */
export const API_ERROR_TEXT: Readonly<Record<number, string>> = {
  1: "invalid request",
  2: "invalid XML",
  3: "invalid content",
  4: "permission denied",
  5: "port error or client blocked",
  7: "device busy",
  8: "password expired",
  9: "unauthorized",
  10: "user locked",
  11: "not supported",
  16: "value out of range",
};

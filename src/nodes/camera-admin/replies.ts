// Errors of the camera admin actions -> HTTP status and the JSON the editor reads.
import { CameraError } from "../../camera";
import { NoServerAddressError, PlanRefusedError } from "./actions";
import { InputError } from "./input";

export interface ErrorBody {
  ok: false;
  /** With `no-slot`: the plan that was refused, as /plan shows it. */
  [detail: string]: unknown;
  error: {
    /** `invalid-input`, `no-stored-password`, a CameraError code, `no-server-address`, `no-slot`, `busy`, `internal`. */
    code: string;
    message: string;
    field?: string;
    apiErrorCode?: number;
    command?: string;
  };
}

export interface ErrorReply {
  status: number;
  body: ErrorBody;
}

/**
 * 400: the request is wrong. 409: apply found no HTTP POST slot it may use. 502: the camera
 * (or the way to it) failed, 504 when it did not answer in time. Never 401/403 for the
 * camera's own refusal: those would read as the editor's session failing.
 */
export function errorReply(err: unknown): ErrorReply {
  if (err instanceof InputError) {
    return { status: 400, body: { ok: false, error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } } };
  }
  if (err instanceof RangeError) return { status: 400, body: { ok: false, error: { code: "invalid-input", message: err.message } } };
  if (err instanceof CameraError) {
    const error: ErrorBody["error"] = { code: err.code, message: err.message };
    if (err.apiErrorCode !== undefined) error.apiErrorCode = err.apiErrorCode;
    if (err.command !== undefined) error.command = err.command;
    return { status: err.code === "timeout" ? 504 : 502, body: { ok: false, error } };
  }
  if (err instanceof PlanRefusedError) {
    return { status: 409, body: { ...err.result, ok: false, error: { code: "no-slot", message: err.message } } };
  }
  if (err instanceof NoServerAddressError) return { status: 502, body: { ok: false, error: { code: "no-server-address", message: err.message } } };
  return { status: 500, body: { ok: false, error: { code: "internal", message: "unexpected error; see the Node-RED log" } } };
}

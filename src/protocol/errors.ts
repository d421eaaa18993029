/** Short, stable reasons a body is not a Viewtron message. */
export type ParseErrorCode =
  | "empty" // reserved: empty bodies are heartbeats, never this error
  | "doctype" // DOCTYPE / ENTITY declaration: refused before parsing
  | "not-xml" // no element at all (garbage bytes, raw base64, JSON...)
  | "malformed-xml" // truncated or broken markup
  | "unknown-document" // well-formed XML that is not a webhook (e.g. a config-API reply)
  | "too-deep" // nesting beyond any real camera document
  | "forbidden-name"; // element names like __proto__ / constructor (prototype pollution attempts)

/** Messages quote names and values from the body: a hostile body must not make a log line or 400 reply huge. */
const MAX_MESSAGE = 200;

/** Thrown by `parseMessage`; `code` is for programs, `message` for people. */
export class ViewtronParseError extends Error {
  readonly code: ParseErrorCode;
  constructor(code: ParseErrorCode, message: string) {
    super(message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 3)}...` : message);
    this.name = "ViewtronParseError";
    this.code = code;
  }
}

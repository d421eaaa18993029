/** Short, stable reasons a body is not a Viewtron message. */
export type ParseErrorCode =
  | "empty" // reserved: empty bodies are heartbeats, never this error
  | "doctype" // DOCTYPE / ENTITY declaration: refused before parsing
  | "not-xml" // no element at all (garbage bytes, raw base64, JSON...)
  | "malformed-xml" // truncated or broken markup
  | "unknown-document" // well-formed XML that is not a webhook (e.g. a config-API reply)
  | "too-deep" // nesting beyond any real camera document
  | "forbidden-name"; // element names like __proto__ / constructor (prototype pollution attempts)

/** Thrown by `parseMessage`; `code` is for programs, `message` for people. */
export class ViewtronParseError extends Error {
  readonly code: ParseErrorCode;
  constructor(code: ParseErrorCode, message: string) {
    super(message);
    this.name = "ViewtronParseError";
    this.code = code;
  }
}

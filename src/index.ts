// Public entry: the pure protocol layer, for function nodes, scripts and other runtimes.
export { parseMessage } from "./protocol/parse";
export { categoryOf, alarmCategoryOf, targetTypeOf } from "./protocol/categories";
export { ViewtronParseError } from "./protocol/errors";
export type { ParseErrorCode } from "./protocol/errors";
export { SUCCESS_REPLY, SUCCESS_REPLY_CONTENT_TYPE } from "./protocol/reply";
export * from "./protocol/types";

// What the listener writes back. The success reply is prebuilt: every accepted post gets the same bytes.
import type { ServerResponse } from "node:http";
import { SUCCESS_REPLY, SUCCESS_REPLY_CONTENT_TYPE } from "../protocol/reply";
import { WWW_AUTHENTICATE } from "./auth";

const SUCCESS_HEADERS = {
  "Content-Type": SUCCESS_REPLY_CONTENT_TYPE,
  "Content-Length": String(Buffer.byteLength(SUCCESS_REPLY, "utf8")),
};

export function sendSuccess(res: ServerResponse): void {
  res.writeHead(200, SUCCESS_HEADERS);
  // A string body (ASCII, so latin1 = UTF-8) leaves with the headers in one string write; a
  // Buffer body would make a writev that copies the headers into a fresh backing store.
  res.end(SUCCESS_REPLY, "latin1");
}

type Extra = Record<string, string>;

/**
 * A 4xx with a one-line reason. `close`: the body was not read, so the connection cannot carry
 * another request; Node then skips the rest of the body and closes the socket after the reply.
 */
export function sendError(res: ServerResponse, status: number, reason: string, close: boolean, extra: Extra = {}): void {
  if (res.headersSent || res.writableEnded) return;
  const body = Buffer.from(`${reason}\n`, "utf8");
  const headers: Extra = {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    ...extra,
  };
  if (close) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(body);
}

export const UNAUTHORIZED_HEADERS: Extra = { "WWW-Authenticate": WWW_AUTHENTICATE };
export const METHOD_HEADERS: Extra = { Allow: "POST" };

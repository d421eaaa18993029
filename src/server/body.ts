// Reads a request body while counting bytes, so an oversized upload is refused before it is buffered.
import type { IncomingMessage } from "node:http";

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: "too-large" | "aborted" };

/** Calls `done` exactly once: the whole body, or why there is none. */
export function readBody(req: IncomingMessage, limit: number, done: (result: BodyResult) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;

  const finish = (result: BodyResult): void => {
    if (finished) return;
    finished = true;
    if (!result.ok) {
      // The stream may go on (an oversized upload): stop listening. A complete body needs no
      // clean-up: its request object is done with, and `finished` ignores a late 'close'.
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      chunks.length = 0;
    }
    done(result);
  };
  const onData = (chunk: Buffer): void => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) finish({ ok: false, reason: "too-large" });
    else chunks.push(chunk);
  };
  // A single chunk (the usual small post) is used as is: no copy.
  const onEnd = (): void =>
    finish({ ok: true, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
  // 'close' before 'end' means the peer went away mid-body (or we destroyed the socket).
  const onAbort = (): void => finish({ ok: false, reason: "aborted" });

  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onAbort);
  req.on("close", onAbort);
}

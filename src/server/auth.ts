// HTTP Basic authentication, compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Credentials } from "./types";

export const REALM = "Viewtron";
export const WWW_AUTHENTICATE = `Basic realm="${REALM}", charset="UTF-8"`;

export interface BasicAuth {
  /** "missing" (no Basic header) and "wrong" are told apart for the report only. */
  check(authorization: string | undefined): "ok" | "missing" | "wrong";
}

// Digests have a fixed length, so timingSafeEqual never leaks the secret's length.
const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

export function basicAuth(expected: Credentials): BasicAuth {
  const user = digest(expected.user);
  const password = digest(expected.password);
  return {
    check(authorization) {
      const given = parseBasic(authorization);
      if (given === undefined) return "missing";
      // Both compared every time: no early exit on a wrong user.
      const userOk = timingSafeEqual(digest(given.user), user);
      const passwordOk = timingSafeEqual(digest(given.password), password);
      return userOk && passwordOk ? "ok" : "wrong";
    },
  };
}

/** `Basic base64(user:password)`; the password may contain colons. */
export function parseBasic(header: string | undefined): Credentials | undefined {
  if (!header) return undefined;
  const match = /^\s*basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Same secret (or both none)? Used to spot conflicting subscribers on one path. */
export function sameCredentials(a: Credentials | undefined, b: Credentials | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.user === b.user && a.password === b.password;
}

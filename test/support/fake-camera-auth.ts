// Server-side Basic and Digest checks for the fake camera, written independently of the
// client in src/camera so the two implementations check each other.
import { createHash, randomBytes } from "node:crypto";

export type FakeAuth = "none" | "basic" | "digest" | "digest-sha256";

const REALM = "fake-viewtron";

export class FakeAuthenticator {
  readonly mode: FakeAuth;
  user: string;
  password: string;
  private readonly nonces = new Map<string, number>(); // nonce -> highest nc seen
  private readonly opaque = randomBytes(8).toString("hex");

  constructor(mode: FakeAuth, user: string, password: string) {
    this.mode = mode;
    this.user = user;
    this.password = password;
  }

  /** True when the request may proceed. */
  check(method: string, uri: string, header: string | undefined): boolean {
    if (this.mode === "none") return true;
    if (!header) return false;
    if (this.mode === "basic") {
      const [scheme, token] = header.split(" ");
      return scheme === "Basic" && Buffer.from(token ?? "", "base64").toString("utf8") === `${this.user}:${this.password}`;
    }
    return header.startsWith("Digest ") && this.checkDigest(method, uri, params(header.slice(7)));
  }

  /** WWW-Authenticate values for a 401. SHA-256 mode offers SHA-256 and MD5, as RFC 7616 advises. */
  challenges(): string[] {
    if (this.mode === "basic") return [`Basic realm="${REALM}"`];
    const nonce = randomBytes(12).toString("hex");
    this.nonces.set(nonce, 0);
    const make = (algorithm: string): string =>
      `Digest realm="${REALM}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="${this.opaque}"`;
    return this.mode === "digest-sha256" ? [make("SHA-256"), make("MD5")] : [make("MD5")];
  }

  private checkDigest(method: string, uri: string, p: Record<string, string>): boolean {
    const seen = this.nonces.get(p.nonce ?? "");
    if (seen === undefined || p.username !== this.user || p.realm !== REALM || p.uri !== uri) return false;
    if (p.qop !== "auth" || !p.cnonce || !/^[0-9a-f]{8}$/.test(p.nc ?? "") || p.opaque !== this.opaque) return false;
    const nc = parseInt(p.nc, 16);
    if (nc <= seen) return false; // replayed or reused counter
    const algorithm = (p.algorithm ?? "MD5").toUpperCase();
    if (algorithm !== "MD5" && !(algorithm === "SHA-256" && this.mode === "digest-sha256")) return false;
    const hash = (s: string): string => createHash(algorithm === "MD5" ? "md5" : "sha256").update(s).digest("hex");
    const ha1 = hash(`${this.user}:${REALM}:${this.password}`);
    const ha2 = hash(`${method}:${uri}`);
    const expected = hash(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    if (expected !== p.response) return false;
    this.nonces.set(p.nonce, nc);
    return true;
  }
}

function params(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
  return out;
}

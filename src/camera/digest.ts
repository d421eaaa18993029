// HTTP Digest access authentication, client side (RFC 7616, compatible with RFC 2617 / 2069).
// Pure functions: parse WWW-Authenticate challenges, compute the Authorization header.
import { createHash, randomBytes } from "node:crypto";

export interface AuthChallenge {
  /** Lower-cased scheme: "basic", "digest", ... */
  scheme: string;
  /** Parameters with lower-cased names, quoted strings unescaped. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;

/** Every challenge in one or more WWW-Authenticate header values. */
export function parseChallenges(headerValues: readonly string[]): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  for (const value of headerValues) parseInto(value, challenges);
  return challenges;
}

function parseInto(value: string, out: AuthChallenge[]): void {
  let pos = 0;
  let current: AuthChallenge | undefined;
  const skip = (chars: RegExp): void => {
    while (pos < value.length && chars.test(value[pos])) pos++;
  };
  const token = (): string | undefined => {
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(value);
    if (!match) return undefined;
    pos = TOKEN.lastIndex;
    return match[0];
  };
  while (pos < value.length) {
    skip(/[\s,]/);
    const start = pos;
    const name = token();
    if (name === undefined) {
      pos++; // stray character: skip it rather than loop forever
      continue;
    }
    skip(/\s/);
    if (value[pos] === "=" && current !== undefined) {
      pos++;
      skip(/\s/);
      const param = value[pos] === '"' ? quoted() : token() ?? "";
      if (name.toLowerCase() !== "__proto__") current.params[name.toLowerCase()] = param;
      continue;
    }
    if (value[pos] === "=" && current === undefined) {
      pos = start + name.length + 1; // parameter without a scheme: ignore it
      continue;
    }
    current = { scheme: name.toLowerCase(), params: {} };
    out.push(current);
    // token68 form ("Negotiate abc=="): consumed as a parameter-less challenge
    const token68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(value.slice(pos));
    if (token68) pos += token68[0].length;
  }

  function quoted(): string {
    let text = "";
    pos++; // opening quote
    while (pos < value.length && value[pos] !== '"') {
      if (value[pos] === "\\" && pos + 1 < value.length) pos++;
      text += value[pos++];
    }
    pos++; // closing quote
    return text;
  }
}

type HashName = "md5" | "sha256";
const ALGORITHMS: Record<string, { hash: HashName; sess: boolean }> = {
  "md5": { hash: "md5", sess: false },
  "md5-sess": { hash: "md5", sess: true },
  "sha-256": { hash: "sha256", sess: false },
  "sha-256-sess": { hash: "sha256", sess: true },
};

/** The Digest challenge to answer: SHA-256 when offered, else MD5; undefined when none usable. */
export function pickDigest(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  const usable = challenges.filter(
    (c) => c.scheme === "digest" && c.params.nonce !== undefined && (c.params.algorithm ?? "MD5").toLowerCase() in ALGORITHMS,
  );
  const strength = (c: AuthChallenge): number => ((c.params.algorithm ?? "").toLowerCase().startsWith("sha-256") ? 1 : 0);
  return usable.sort((a, b) => strength(b) - strength(a))[0];
}

export interface DigestInput {
  challenge: AuthChallenge;
  user: string;
  password: string;
  method: string;
  /** The request-target exactly as sent ("/GetDeviceInfo"). */
  uri: string;
  /** Request count under this nonce, starting at 1. */
  nc: number;
  /** The request body, needed only when the server insists on qop=auth-int. */
  body?: Buffer;
  /** Fixed client nonce, for tests; random otherwise. */
  cnonce?: string;
}

/** The value of the Authorization header answering a Digest challenge. */
export function digestAuthorization(input: DigestInput): string {
  const { challenge, user, password, method, uri, nc } = input;
  const p = challenge.params;
  const algorithmName = p.algorithm ?? "MD5";
  const algorithm = ALGORITHMS[algorithmName.toLowerCase()];
  if (!algorithm) throw new RangeError(`unsupported digest algorithm ${algorithmName}`);
  const h = (text: string | Buffer): string => createHash(algorithm.hash).update(text).digest("hex");
  const realm = p.realm ?? "";
  const nonce = p.nonce ?? "";
  const cnonce = input.cnonce ?? randomBytes(16).toString("hex");
  const offered = (p.qop ?? "").split(",").map((q) => q.trim().toLowerCase()).filter(Boolean);
  const qop = offered.includes("auth") ? "auth" : offered.includes("auth-int") ? "auth-int" : undefined;
  const ncText = nc.toString(16).padStart(8, "0");

  let ha1 = h(`${user}:${realm}:${password}`);
  if (algorithm.sess) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = qop === "auth-int" ? h(`${method}:${uri}:${h(input.body ?? Buffer.alloc(0))}`) : h(`${method}:${uri}`);
  const response = qop ? h(`${ha1}:${nonce}:${ncText}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);

  const userhash = (p.userhash ?? "").toLowerCase() === "true";
  const parts = [
    `username=${quote(userhash ? h(`${user}:${realm}`) : user)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${algorithmName}`,
    `response=${quote(response)}`,
  ];
  if (p.opaque !== undefined) parts.push(`opaque=${quote(p.opaque)}`);
  if (qop) parts.push(`qop=${qop}`, `nc=${ncText}`, `cnonce=${quote(cnonce)}`);
  if (userhash) parts.push("userhash=true");
  return `Digest ${parts.join(", ")}`;
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

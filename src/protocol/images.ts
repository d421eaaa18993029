// Base64 JPEG text -> Buffer, once, only when it really is a JPEG. Sample files carry
// placeholders (`BASE64_JPEG_OVERVIEW_IMAGE`, `BASE64STUB`, `... (base64 JPEG) ...`): no image.
import type { ByteSpan } from "./xml-el";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function hasWhitespace(raw: string): boolean {
  return raw.includes("\n") || raw.includes("\r") || raw.includes(" ") || raw.includes("\t");
}

function padding(raw: string): number {
  return raw.endsWith("==") ? 2 : raw.endsWith("=") ? 1 : 0;
}

/**
 * Returns the decoded JPEG, or undefined for placeholders, empty text and anything that is not
 * base64 of a JPEG. `raw` is the trimmed element text.
 */
export function decodeJpeg(raw: string): Buffer | undefined {
  if (!looksLikeJpegBase64(raw)) return undefined;
  let bytes: Buffer | undefined;
  if (raw.length % 4 === 0) {
    // Fast path for what cameras send: Buffer.from skips whitespace and characters outside the
    // alphabet, so a decoded length short of 3/4 of the text means the text was not clean
    // base64 (nor unwrapped): only then is it searched for whitespace.
    bytes = Buffer.from(raw, "base64");
    if (bytes.length !== (raw.length / 4) * 3 - padding(raw)) {
      if (!hasWhitespace(raw)) return undefined;
      bytes = undefined;
    }
  }
  if (bytes === undefined) {
    const compact = raw.replace(/\s+/g, "");
    if (!BASE64.test(compact)) return undefined;
    bytes = Buffer.from(compact, "base64");
  }
  return isJpeg(bytes) ? bytes : undefined;
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Cheap check without decoding: base64 of a JPEG starts `/9j/` (bytes FF D8 FF). */
export function looksLikeJpegBase64(raw: string): boolean {
  return raw.startsWith("/9j/");
}

/** Decoded size of base64 text, without decoding (image metadata when images are off). */
export function base64Bytes(raw: string): number {
  const compact = hasWhitespace(raw) ? raw.replace(/\s+/g, "") : raw;
  return Math.floor((compact.length * 3) / 4) - padding(compact);
}

// The same three on text that stayed in the body bytes (ASCII, so latin1 reads it exactly).

const JPEG_PREFIX = Buffer.from("/9j/");

export function spanLooksLikeJpeg(span: ByteSpan): boolean {
  return span.end - span.start >= 4 && span.bytes.compare(JPEG_PREFIX, 0, 4, span.start, span.start + 4) === 0;
}

/** Multiple of 4. A 400 KB string would be a large-object allocation costing far more than decoding. */
const CHUNK = 64 * 1024;

/** Decodes in chunks straight from the body; anything but clean base64 takes decodeJpeg's path. */
export function spanJpeg(span: ByteSpan): Buffer | undefined {
  if (!spanLooksLikeJpeg(span)) return undefined;
  const { bytes, start, end } = span;
  const length = end - start;
  if (length % 4 === 0) {
    const out = Buffer.allocUnsafe((length / 4) * 3);
    let written = 0;
    for (let at = start; at < end; at += CHUNK) written += out.write(bytes.toString("latin1", at, Math.min(end, at + CHUNK)), written, "base64");
    // Each chunk decodes to 3/4 of its length only when clean, so the sum says it all.
    const pad = bytes[end - 1] === 61 /* = */ ? (bytes[end - 2] === 61 ? 2 : 1) : 0;
    if (written === out.length - pad) {
      const jpeg = out.fill(0, written).subarray(0, written); // no stale memory behind the view
      return isJpeg(jpeg) ? jpeg : undefined;
    }
  }
  return decodeJpeg(bytes.toString("latin1", start, end));
}

export function spanBase64Bytes(span: ByteSpan): number {
  const { bytes, start, end } = span;
  const inner = bytes.subarray(start, end);
  const clean = inner.indexOf(10) < 0 && inner.indexOf(13) < 0 && inner.indexOf(32) < 0 && inner.indexOf(9) < 0;
  if (!clean) return base64Bytes(bytes.toString("latin1", start, end));
  const pad = inner[inner.length - 1] === 61 /* = */ ? (inner[inner.length - 2] === 61 ? 2 : 1) : 0;
  return Math.floor((inner.length * 3) / 4) - pad;
}

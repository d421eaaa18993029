// Base64 JPEG text -> Buffer, once, only when it really is a JPEG. Sample files carry
// placeholders (`BASE64_JPEG_OVERVIEW_IMAGE`, `BASE64STUB`, `... (base64 JPEG) ...`): no image.

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
  let bytes: Buffer;
  if (!hasWhitespace(raw) && raw.length % 4 === 0) {
    // Fast path for what cameras send: Buffer.from skips characters outside the alphabet, so
    // a decoded length short of 3/4 of the text means the text was not clean base64.
    bytes = Buffer.from(raw, "base64");
    if (bytes.length !== (raw.length / 4) * 3 - padding(raw)) return undefined;
  } else {
    const compact = raw.replace(/\s+/g, "");
    if (!BASE64.test(compact)) return undefined;
    bytes = Buffer.from(compact, "base64");
  }
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? bytes : undefined;
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

// Base64 JPEG text -> Buffer, once, only when it really is a JPEG. Sample files carry
// placeholders (`BASE64_JPEG_OVERVIEW_IMAGE`, `BASE64STUB`, `... (base64 JPEG) ...`): no image.

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Returns the decoded JPEG, or undefined for placeholders, empty text and anything that is not
 * base64 of a JPEG. `raw` has CDATA markers removed and is trimmed.
 */
export function decodeJpeg(raw: string): Buffer | undefined {
  if (!looksLikeJpegBase64(raw)) return undefined;
  const compact = /\s/.test(raw) ? raw.replace(/\s+/g, "") : raw;
  if (!BASE64.test(compact)) return undefined;
  const bytes = Buffer.from(compact, "base64");
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : undefined;
}

/** Cheap check without decoding: base64 of a JPEG starts `/9j/` (bytes FF D8 FF). */
export function looksLikeJpegBase64(raw: string): boolean {
  return raw.startsWith("/9j/");
}

/** Decoded size of base64 text, without decoding (for image metadata when images are off). */
export function base64Bytes(raw: string): number {
  const compact = raw.replace(/\s+/g, "");
  const pad = compact.endsWith("==") ? 2 : compact.endsWith("=") ? 1 : 0;
  return Math.floor((compact.length * 3) / 4) - pad;
}

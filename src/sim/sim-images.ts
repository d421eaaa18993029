// Real base64 JPEGs for generated bodies, made once per size/seed/quality and kept: a 2688x1520
// picture takes about a second to encode, a camera reuses it for every post.
import { makeTestJpeg } from "./jpeg";
import type { GeneratedImage, ImageSize, SimImageOptions } from "./sim-types";

export const DEFAULT_OVERVIEW: ImageSize = { width: 2688, height: 1520 };
export const DEFAULT_CROP: ImageSize = { width: 320, height: 240 };

export interface SimPicture extends GeneratedImage {
  base64: string;
}

const cache = new Map<string, SimPicture>();
const CACHE_LIMIT = 32;

export function picture(size: ImageSize, seed: number, quality: number): SimPicture {
  const width = Math.max(1, Math.round(size.width));
  const height = Math.max(1, Math.round(size.height));
  const key = `${width}x${height}:${seed}:${quality}`;
  let found = cache.get(key);
  if (!found) {
    const jpeg = makeTestJpeg(width, height, seed, { quality });
    const base64 = jpeg.toString("base64");
    found = { width, height, bytes: jpeg.length, base64Length: base64.length, base64 };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, found);
  }
  return found;
}

export interface EventPictures {
  overview?: SimPicture;
  crop?: SimPicture;
}

/** The pictures an event carries under the `images` option (none by default). */
export function eventPictures(images: boolean | SimImageOptions | undefined): EventPictures {
  if (images === undefined || images === false) return {};
  const options: SimImageOptions = images === true ? {} : images;
  const seed = options.seed ?? 1;
  const quality = options.quality ?? 75;
  const result: EventPictures = {};
  const overview = options.overview === undefined ? DEFAULT_OVERVIEW : options.overview;
  const crop = options.crop === undefined ? DEFAULT_CROP : options.crop;
  // Different seeds for the two, so that a crop is not a shrunken overview.
  if (overview) result.overview = picture(overview, seed, quality);
  if (crop) result.crop = picture(crop, seed + 7919, quality);
  return result;
}

/** Size info for the result description (without the base64 text). */
export function describePicture(p: SimPicture | undefined): GeneratedImage | undefined {
  return p && { width: p.width, height: p.height, bytes: p.bytes, base64Length: p.base64Length };
}

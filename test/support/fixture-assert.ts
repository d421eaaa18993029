// Helpers for tests that parse our own fixtures (test/fixtures/**) and assert concrete values.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { repoPath } from "./paths";

/** The receive time every fixture test passes to parseMessage (2026-01-15T12:00:00Z). */
export const RECEIVED_AT = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Raw bytes of a fixture under test/fixtures. */
export function loadFixture(file: string): Buffer {
  return fs.readFileSync(repoPath("test", "fixtures", file));
}

const EXACT = Symbol("exact");

/** Marks an expected object whose keys must match the actual object's (defined) keys exactly. */
export function exact<T extends object>(value: T): T {
  Object.defineProperty(value, EXACT, { value: true, enumerable: false });
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function definedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
}

/**
 * Asserts that `actual` has every value listed in `expected`:
 * - a key whose expected value is `undefined` must be absent (or undefined) in `actual`;
 * - Buffers compare byte for byte; arrays by length and element (each element a subset);
 * - objects recurse (extra keys in `actual` allowed unless `expected` was wrapped in `exact`);
 * - everything else compares with strict equality.
 */
export function expectSubset(actual: unknown, expected: unknown, where = "payload"): void {
  if (expected === undefined) {
    assert.equal(actual, undefined, `${where}: expected absent, got ${show(actual)}`);
    return;
  }
  if (Buffer.isBuffer(expected)) {
    assert.ok(Buffer.isBuffer(actual), `${where}: expected a Buffer, got ${show(actual)}`);
    assert.ok(expected.equals(actual as Buffer), `${where}: Buffer differs (got ${(actual as Buffer).length} bytes starting ${(actual as Buffer).subarray(0, 4).toString("hex")}, expected ${expected.length} bytes)`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array, got ${show(actual)}`);
    const list = actual as unknown[];
    assert.equal(list.length, expected.length, `${where}: expected ${expected.length} element(s), got ${list.length}: ${show(list)}`);
    expected.forEach((item, i) => expectSubset(list[i], item, `${where}[${i}]`));
    return;
  }
  if (isPlainObject(expected)) {
    // An object whose listed keys must all be absent is satisfied by an absent object.
    if (actual === undefined && Object.values(expected).every((v) => v === undefined)) return;
    assert.ok(isPlainObject(actual), `${where}: expected an object, got ${show(actual)}`);
    const obj = actual as Record<string, unknown>;
    if ((expected as { [EXACT]?: boolean })[EXACT]) {
      assert.deepEqual(definedKeys(obj), definedKeys(expected), `${where}: keys differ: got ${show(obj)}`);
    }
    for (const key of Object.keys(expected)) expectSubset(obj[key], expected[key], `${where}.${key}`);
    return;
  }
  assert.strictEqual(actual, expected, `${where}: expected ${show(expected)}, got ${show(actual)}`);
}

export function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => {
      if (v && typeof v === "object" && (v as { type?: string }).type === "Buffer" && Array.isArray((v as { data?: unknown }).data)) {
        return `<Buffer ${(v as { data: number[] }).data.length} bytes>`;
      }
      return v;
    });
  } catch {
    return String(value);
  }
}

/**
 * Contract invariants that hold for every payload: no `null`, no `""` made up (outside `extra`),
 * serialisable as JSON, images (when present) are Buffers starting FF D8.
 */
export function assertContractShape(payload: unknown, where = "payload"): void {
  const walk = (value: unknown, path: string): void => {
    assert.notEqual(value, null, `${path} is null`);
    if (typeof value === "string") assert.notEqual(value, "", `${path} is an empty string`);
    if (typeof value === "number") assert.ok(Number.isFinite(value), `${path} is not a finite number`);
    if (Buffer.isBuffer(value)) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === "extra" || v === undefined) continue;
        walk(v, `${path}.${k}`);
      }
    }
  };
  walk(payload, where);
  assert.doesNotThrow(() => JSON.stringify(payload), `${where} is not JSON-serialisable`);
  const images = (payload as { images?: Record<string, unknown> }).images;
  if (images) {
    for (const [k, v] of Object.entries(images)) {
      if (v === undefined) continue;
      assert.ok(Buffer.isBuffer(v), `${where}.images.${k} is not a Buffer`);
      assert.equal((v as Buffer)[0], 0xff, `${where}.images.${k} does not start FF D8`);
      assert.equal((v as Buffer)[1], 0xd8, `${where}.images.${k} does not start FF D8`);
    }
  }
}

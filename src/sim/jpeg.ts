// A small baseline JPEG encoder (ITU-T T.81 sequential DCT, Huffman coded, 8-bit), written for
// tests, the camera simulator and the benchmark: they need real JPEG bytes of realistic size
// without a dependency. Output: SOI, APP0 (JFIF 1.01), DQT, SOF0, DHT, SOS, entropy-coded data
// (0xFF bytes stuffed with 0x00), EOI. Colour images are YCbCr 4:4:4 (one 8x8 block per component
// per MCU); grayscale images have one component. Quantisation and Huffman tables are the example
// tables of the standard (Annex K), quantisation scaled by quality like the IJG library does.
// Not tuned for speed beyond a separable float DCT; a 2688x1520 image takes well under a second
// or two.

/** An RGB colour, each channel 0..255 (values outside are clamped). */
export type Rgb = readonly [number, number, number] | number[];

/** Called once per pixel, row by row, top to bottom, left to right. */
export type PixelFn = (x: number, y: number) => Rgb;

export interface JpegOptions {
  /** 1..100, default 75 (IJG scale: 50 = the standard's tables as printed). */
  quality?: number;
  /** One luminance component only (the red/green/blue values are converted to gray). */
  grayscale?: boolean;
}

// ---- tables of the standard (T.81 Annex K) ----------------------------------------------------

/** K.1: luminance quantisation table, natural (row-major) order. */
const STD_LUMA_QT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
  92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** K.2: chrominance quantisation table, natural order. */
const STD_CHROMA_QT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
  47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

interface HuffSpec {
  /** Number of codes of each length 1..16. */
  bits: number[];
  /** Symbols in order of increasing code length. */
  values: number[];
}

/** K.3.3.1 */
const DC_LUMA: HuffSpec = {
  bits: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
  values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};
const DC_CHROMA: HuffSpec = {
  bits: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
};

/** K.3.3.2 */
const AC_LUMA: HuffSpec = {
  bits: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  values: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
    0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
    0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
    0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
    0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
};
const AC_CHROMA: HuffSpec = {
  bits: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  values: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
    0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
    0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
    0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
    0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
    0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
    0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
    0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
    0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
    0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
};

/** ZIGZAG[k] = natural (row-major) index of the k-th coefficient in zig-zag order. */
const ZIGZAG: number[] = (() => {
  const order: number[] = [];
  for (let s = 0; s < 15; s++) {
    // Anti-diagonal s: row + col = s; odd diagonals run top-right to bottom-left.
    const cells: number[] = [];
    for (let row = 0; row < 8; row++) {
      const col = s - row;
      if (col >= 0 && col < 8) cells.push(row * 8 + col);
    }
    if (s % 2 === 0) cells.reverse();
    order.push(...cells);
  }
  return order;
})();

/** cos table: COS[u * 8 + x] = c(u)/2 * cos((2x + 1) u pi / 16). */
const COS: Float64Array = (() => {
  const table = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    const cu = u === 0 ? Math.SQRT1_2 : 1;
    for (let x = 0; x < 8; x++) table[u * 8 + x] = (cu / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  }
  return table;
})();

// ---- helpers --------------------------------------------------------------------------------

/** Quantisation table scaled for `quality` (IJG formula), natural order, values 1..255. */
function scaledTable(base: number[], quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - 2 * q;
  const out = new Uint8Array(64);
  for (let i = 0; i < 64; i++) out[i] = Math.min(255, Math.max(1, Math.floor((base[i] * scale + 50) / 100)));
  return out;
}

interface HuffTable {
  code: Uint16Array;
  size: Uint8Array;
}

/** Canonical Huffman codes (T.81 Annex C) indexed by symbol. */
function buildHuffman(spec: HuffSpec): HuffTable {
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < spec.bits[len - 1]; i++) {
      const symbol = spec.values[k++];
      code[symbol] = next++;
      size[symbol] = len;
    }
    next <<= 1;
  }
  return { code, size };
}

/** Growable byte sink with a bit writer that stuffs 0x00 after every 0xFF in entropy data. */
class ByteSink {
  private buf: Uint8Array;
  private len = 0;
  private acc = 0;
  private nbits = 0;

  constructor(initial: number) {
    this.buf = new Uint8Array(Math.max(1024, initial));
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buf[this.len++] = value & 0xff;
  }

  word(value: number): void {
    this.byte(value >> 8);
    this.byte(value);
  }

  bytes(values: ArrayLike<number>): void {
    this.ensure(values.length);
    for (let i = 0; i < values.length; i++) this.buf[this.len++] = values[i] & 0xff;
  }

  /** Appends the low `count` bits of `value` (count <= 16), most significant first. */
  bits(value: number, count: number): void {
    this.acc = ((this.acc << count) | (value & ((1 << count) - 1))) >>> 0;
    this.nbits += count;
    while (this.nbits >= 8) {
      const b = (this.acc >>> (this.nbits - 8)) & 0xff;
      this.byte(b);
      if (b === 0xff) this.byte(0);
      this.nbits -= 8;
    }
    this.acc &= (1 << this.nbits) - 1;
  }

  /** Pads the last partial byte with 1 bits (F.1.2.3). */
  flushBits(): void {
    if (this.nbits > 0) this.bits(0x7f, 8 - this.nbits);
  }

  result(): Buffer {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.len);
  }
}

function clamp255(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Bit length of |v| (the JPEG magnitude category, 0 for 0). */
function category(v: number): number {
  let a = v < 0 ? -v : v;
  let n = 0;
  while (a > 0) {
    n++;
    a >>= 1;
  }
  return n;
}

// ---- the encoder ------------------------------------------------------------------------------

/**
 * Encodes a `width` x `height` image whose colours come from `pixel(x, y)` as a baseline JPEG.
 * `options` may be the quality (1..100) or `{ quality, grayscale }`.
 */
export function encodeJpeg(
  width: number,
  height: number,
  pixel: PixelFn,
  options?: number | JpegOptions,
): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new RangeError(`JPEG size must be 1..65535 x 1..65535, got ${width} x ${height}`);
  }
  const opts: JpegOptions = typeof options === "number" ? { quality: options } : options ?? {};
  const quality = opts.quality ?? 75;
  const gray = opts.grayscale === true;
  const components = gray ? 1 : 3;

  const qLuma = scaledTable(STD_LUMA_QT, quality);
  const qChroma = scaledTable(STD_CHROMA_QT, quality);
  const dcLuma = buildHuffman(DC_LUMA);
  const acLuma = buildHuffman(AC_LUMA);
  const dcChroma = buildHuffman(DC_CHROMA);
  const acChroma = buildHuffman(AC_CHROMA);

  const out = new ByteSink(Math.ceil((width * height * components) / 4) + 1024);

  // SOI + APP0 (JFIF 1.01, aspect ratio 1:1, no thumbnail)
  out.word(0xffd8);
  out.word(0xffe0);
  out.word(16);
  out.bytes([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

  // DQT: table 0 luminance (and table 1 chrominance), 8-bit precision, zig-zag order
  const tables = gray ? [qLuma] : [qLuma, qChroma];
  out.word(0xffdb);
  out.word(2 + 65 * tables.length);
  tables.forEach((table, id) => {
    out.byte(id);
    for (let k = 0; k < 64; k++) out.byte(table[ZIGZAG[k]]);
  });

  // SOF0: baseline, 8-bit, 1x1 sampling for every component (4:4:4)
  out.word(0xffc0);
  out.word(8 + 3 * components);
  out.byte(8);
  out.word(height);
  out.word(width);
  out.byte(components);
  for (let c = 0; c < components; c++) {
    out.byte(c + 1);
    out.byte(0x11);
    out.byte(c === 0 ? 0 : 1);
  }

  // DHT: DC/AC tables 0 (luminance) and 1 (chrominance)
  const specs: Array<[number, HuffSpec]> = [
    [0x00, DC_LUMA],
    [0x10, AC_LUMA],
  ];
  if (!gray) specs.push([0x01, DC_CHROMA], [0x11, AC_CHROMA]);
  out.word(0xffc4);
  out.word(2 + specs.reduce((n, [, s]) => n + 17 + s.values.length, 0));
  for (const [classId, spec] of specs) {
    out.byte(classId);
    out.bytes(spec.bits);
    out.bytes(spec.values);
  }

  // SOS: all components in one interleaved scan, Ss=0, Se=63, Ah=Al=0
  out.word(0xffda);
  out.word(6 + 2 * components);
  out.byte(components);
  for (let c = 0; c < components; c++) {
    out.byte(c + 1);
    out.byte(c === 0 ? 0x00 : 0x11);
  }
  out.bytes([0, 63, 0]);

  // Entropy-coded data. Pixels are read one strip of 8 rows at a time; partial blocks at the
  // right and bottom edges repeat the last column/row.
  const blocksX = Math.ceil(width / 8);
  const blocksY = Math.ceil(height / 8);
  const stride = blocksX * 8;
  const planes: Float64Array[] = [];
  for (let c = 0; c < components; c++) planes.push(new Float64Array(stride * 8));
  const block = new Float64Array(64);
  const temp = new Float64Array(64);
  const quantised = new Int32Array(64);
  const prevDc = [0, 0, 0];
  const qtFor = [qLuma, qChroma, qChroma];
  const dcFor = [dcLuma, dcChroma, dcChroma];
  const acFor = [acLuma, acChroma, acChroma];
  // Divisors folded with the DCT: F(u,v) / q(u,v), both natural order.
  const reciprocal = qtFor.map((t) => Float64Array.from(t, (v) => 1 / v));

  for (let by = 0; by < blocksY; by++) {
    const y0 = by * 8;
    const rows = Math.min(8, height - y0);
    for (let r = 0; r < rows; r++) {
      const rowBase = r * stride;
      for (let x = 0; x < width; x++) {
        const rgb = pixel(x, y0 + r);
        const R = clamp255(+rgb[0] || 0);
        const G = clamp255(+rgb[1] || 0);
        const B = clamp255(+rgb[2] || 0);
        // JFIF YCbCr, level-shifted by -128 for the DCT.
        planes[0][rowBase + x] = 0.299 * R + 0.587 * G + 0.114 * B - 128;
        if (!gray) {
          planes[1][rowBase + x] = -0.168735892 * R - 0.331264108 * G + 0.5 * B;
          planes[2][rowBase + x] = 0.5 * R - 0.418687589 * G - 0.081312411 * B;
        }
      }
      for (const plane of planes) {
        const last = plane[rowBase + width - 1];
        for (let x = width; x < stride; x++) plane[rowBase + x] = last;
      }
    }
    for (const plane of planes) {
      for (let r = rows; r < 8; r++) plane.copyWithin(r * stride, (rows - 1) * stride, rows * stride);
    }

    for (let bx = 0; bx < blocksX; bx++) {
      for (let c = 0; c < components; c++) {
        const plane = planes[c];
        const base = bx * 8;
        for (let r = 0; r < 8; r++) {
          for (let x = 0; x < 8; x++) block[r * 8 + x] = plane[r * stride + base + x];
        }
        // 2-D DCT as two passes of 8-point transforms: rows, then columns.
        for (let r = 0; r < 8; r++) {
          for (let u = 0; u < 8; u++) {
            let s = 0;
            for (let x = 0; x < 8; x++) s += COS[u * 8 + x] * block[r * 8 + x];
            temp[r * 8 + u] = s;
          }
        }
        const recip = reciprocal[c];
        for (let u = 0; u < 8; u++) {
          for (let v = 0; v < 8; v++) {
            let s = 0;
            for (let y = 0; y < 8; y++) s += COS[v * 8 + y] * temp[y * 8 + u];
            const idx = v * 8 + u;
            quantised[idx] = Math.round(s * recip[idx]);
          }
        }
        // DC difference
        const dc = quantised[0];
        const diff = dc - prevDc[c];
        prevDc[c] = dc;
        const dcTable = dcFor[c];
        const dcCat = category(diff);
        out.bits(dcTable.code[dcCat], dcTable.size[dcCat]);
        if (dcCat > 0) out.bits(diff < 0 ? diff + (1 << dcCat) - 1 : diff, dcCat);
        // AC run-length coding in zig-zag order
        const acTable = acFor[c];
        let run = 0;
        for (let k = 1; k < 64; k++) {
          const v = quantised[ZIGZAG[k]];
          if (v === 0) {
            run++;
            continue;
          }
          while (run >= 16) {
            out.bits(acTable.code[0xf0], acTable.size[0xf0]);
            run -= 16;
          }
          const cat = category(v);
          const symbol = (run << 4) | cat;
          out.bits(acTable.code[symbol], acTable.size[symbol]);
          out.bits(v < 0 ? v + (1 << cat) - 1 : v, cat);
          run = 0;
        }
        if (run > 0) out.bits(acTable.code[0x00], acTable.size[0x00]);
      }
    }
  }
  out.flushBits();
  out.word(0xffd9);
  return out.result();
}

// ---- test images ------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stateless per-pixel noise in [-1, 1): the same (x, y, seed) always gives the same value. */
function pixelNoise(x: number, y: number, seed: number): number {
  let h = (Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 2147483648 - 1;
}

export interface TestImageOptions {
  /** JPEG quality, default 75. */
  quality?: number;
  /** Noise amplitude in 0..255 levels, default 10 (0 gives a smooth, very compressible image). */
  noise?: number;
}

/**
 * A recognisable, deterministic test picture: a diagonal colour gradient, a few solid blocks in
 * seeded positions and colours, a dark frame, and seeded noise so that it does not compress to
 * nothing (a 2688x1520 picture comes to a few hundred KB). Same arguments, same bytes.
 */
export function makeTestJpeg(width: number, height: number, seed = 1, options: TestImageOptions = {}): Buffer {
  const rand = seededRandom(seed);
  const amplitude = options.noise ?? 10;
  interface Box {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    color: [number, number, number];
  }
  const boxes: Box[] = [];
  const count = 3 + Math.floor(rand() * 4);
  for (let i = 0; i < count; i++) {
    const w = Math.max(1, Math.round(width * (0.08 + rand() * 0.25)));
    const h = Math.max(1, Math.round(height * (0.08 + rand() * 0.25)));
    const x1 = Math.floor(rand() * Math.max(1, width - w));
    const y1 = Math.floor(rand() * Math.max(1, height - h));
    const color: [number, number, number] = [
      Math.floor(rand() * 256),
      Math.floor(rand() * 256),
      Math.floor(rand() * 256),
    ];
    boxes.push({ x1, y1, x2: x1 + w, y2: y1 + h, color });
  }
  const tint = Math.floor(rand() * 128);
  const frame = Math.max(1, Math.round(Math.min(width, height) / 40));
  const rgb: [number, number, number] = [0, 0, 0];

  return encodeJpeg(
    width,
    height,
    (x, y) => {
      if (x < frame || y < frame || x >= width - frame || y >= height - frame) {
        rgb[0] = 24;
        rgb[1] = 24;
        rgb[2] = 32;
      } else {
        rgb[0] = (x * 255) / width;
        rgb[1] = (y * 255) / height;
        rgb[2] = tint + ((x + y) * 127) / (width + height);
        for (let i = boxes.length - 1; i >= 0; i--) {
          const b = boxes[i];
          if (x >= b.x1 && x < b.x2 && y >= b.y1 && y < b.y2) {
            rgb[0] = b.color[0];
            rgb[1] = b.color[1];
            rgb[2] = b.color[2];
            break;
          }
        }
      }
      if (amplitude > 0) {
        const n = pixelNoise(x, y, seed) * amplitude;
        return [rgb[0] + n, rgb[1] + n * 0.8, rgb[2] - n * 0.6];
      }
      return rgb;
    },
    options.quality ?? 75,
  );
}

// ---- reading back (for tests and tools) ---------------------------------------------------------

export interface JpegInfo {
  width: number;
  height: number;
  components: number;
  /** Marker codes in file order (0xd8, 0xe0, 0xdb, 0xc0, 0xc4, 0xda, 0xd9 for our output). */
  markers: number[];
}

/**
 * Walks the marker segments of a JPEG: frame size from the first SOFn, marker order, and a check
 * that the entropy-coded data only contains stuffed 0xFF bytes or restart markers. Throws on
 * anything that is not a structurally sound JPEG.
 */
export function readJpegInfo(data: Buffer): JpegInfo {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) throw new Error("no SOI marker");
  const markers = [0xd8];
  let width = -1;
  let height = -1;
  let components = -1;
  let pos = 2;
  while (pos < data.length) {
    if (data[pos] !== 0xff) throw new Error(`expected a marker at ${pos}`);
    const marker = data[pos + 1];
    markers.push(marker);
    if (marker === 0xd9) {
      if (pos + 2 !== data.length) throw new Error("bytes after EOI");
      break;
    }
    const length = data.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > data.length) throw new Error(`bad segment length at ${pos}`);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && width < 0) {
      height = data.readUInt16BE(pos + 5);
      width = data.readUInt16BE(pos + 7);
      components = data[pos + 9];
    }
    pos += 2 + length;
    if (marker === 0xda) {
      // Entropy-coded segment: runs until a marker other than a stuffed byte or RSTn.
      while (pos < data.length) {
        if (data[pos] === 0xff) {
          const next = data[pos + 1];
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
            pos += 2;
            continue;
          }
          break;
        }
        pos++;
      }
    }
  }
  if (markers[markers.length - 1] !== 0xd9) throw new Error("no EOI marker");
  if (width < 0) throw new Error("no SOF marker");
  return { width, height, components, markers };
}

// Seeded choices for the generator: same seed, same body.
import { seededRandom } from "./jpeg";

export class SimRandom {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** Float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(values: ArrayLike<T>): T {
    return values[Math.floor(this.next() * values.length)];
  }
}

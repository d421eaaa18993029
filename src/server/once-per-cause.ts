// Remembers which causes were already reported, so a camera that misbehaves every 30 s is
// reported once (no log spam), with a bound on how many causes are remembered.

const MAX_CAUSES = 512;

export class OncePerCause {
  private readonly seen = new Set<string>();

  /** True the first time a cause is offered. */
  first(cause: string): boolean {
    if (this.seen.has(cause)) return false;
    if (this.seen.size >= MAX_CAUSES) {
      // Forget the oldest: a long-running node may see new causes again much later.
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.add(cause);
    return true;
  }
}

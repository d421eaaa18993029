// Bounded memo for per-post work on values that repeat: a site has a few cameras, each sending
// the same MAC, address, smartType and version with every post.

/** `fn` remembered per input; a flood of new inputs (hostile or not) only empties the memo. */
export function memoize<T>(fn: (input: string) => T, max = 256): (input: string) => T {
  const memo = new Map<string, T>();
  return (input) => {
    const hit = memo.get(input);
    if (hit !== undefined || memo.has(input)) return hit as T;
    const value = fn(input);
    if (memo.size >= max) memo.clear();
    memo.set(input, value);
    return value;
  };
}

// A bound on how long the nodes wait for the network (DNS, routes): never longer than `ms`.

/** `work`'s result, or a rejection with `message` once `ms` pass; the timer never holds the process. */
export async function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

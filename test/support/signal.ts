// A wake-up for loops that poll a buffer or a queue: `wait` sleeps until `notify` or `ms` pass.
export class Signal {
  private waiter: (() => void) | undefined;

  notify(): void {
    this.waiter?.();
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiter = done;
    });
  }
}

// Process-level harm a fuzz case could cause without failing its own assertion: an unhandled
// rejection or uncaught exception (in a socket or timer callback), or a polluted prototype.
import { strict as assert } from "node:assert";

type Descriptors = Array<[string | symbol, PropertyDescriptor | undefined]>;

function describe(target: object): Descriptors {
  return Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)]);
}

const WATCHED: Array<[string, object]> = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];

/** Snapshot of the built-in prototypes, taken after every test file has loaded. */
export class PrototypeWatch {
  private readonly before = WATCHED.map(([name, target]) => [name, target, describe(target)] as const);

  /** Fails on any added, removed or replaced own property of a watched prototype. */
  check(when: string): void {
    for (const [name, target, before] of this.before) {
      const now = describe(target);
      const keys = (list: Descriptors): string[] => list.map(([k]) => String(k)).sort();
      assert.deepEqual(keys(now), keys(before), `${name} keys changed ${when}`);
      for (const [key, descriptor] of before) {
        const current = Object.getOwnPropertyDescriptor(target, key);
        assert.equal(current?.value, descriptor?.value, `${name}.${String(key)} replaced ${when}`);
        assert.equal(current?.get, descriptor?.get, `${name}.${String(key)} getter replaced ${when}`);
      }
    }
    const probe: Record<string, unknown> = {};
    for (const key of ["polluted", "isAdmin", "yes", "1"]) assert.equal(probe[key], undefined, `({}).${key} inherited ${when}`);
    assert.equal(Object.getPrototypeOf({}), Object.prototype, `({}) prototype ${when}`);
  }
}

/** Records unhandled rejections and uncaught exceptions while installed. */
export class ProcessGuard {
  readonly problems: string[] = [];
  private readonly onRejection = (reason: unknown): void => void this.problems.push(`unhandledRejection: ${describeError(reason)}`);
  private readonly onException = (err: unknown): void => void this.problems.push(`uncaughtException: ${describeError(err)}`);

  install(): this {
    process.on("unhandledRejection", this.onRejection);
    process.on("uncaughtExceptionMonitor", this.onException); // observes without swallowing: mocha still fails the test
    return this;
  }

  uninstall(): void {
    process.off("unhandledRejection", this.onRejection);
    process.off("uncaughtExceptionMonitor", this.onException);
  }

  /** Lets pending rejections surface (they are reported after the microtask queue drains), then asserts none did. */
  async check(when: string): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(this.problems, [], `process-level errors ${when}`);
  }
}

function describeError(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}\n${value.stack ?? ""}` : String(value);
}

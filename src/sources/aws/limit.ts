/** A counting semaphore: at most `size` calls of `run` are in flight at once. */
export class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`concurrency must be a positive integer`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }

  /** Maps every item through `task` with the limiter's concurrency, keeping the input order. */
  map<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
    return Promise.all(items.map((item) => this.run(() => task(item))));
  }
}

/**
 * Runs producers concurrently (at most `concurrency` at a time) and yields
 * what they produce as it arrives, so one slow service or region does not hold
 * back the rest. A producer that throws ends the merge with that error.
 */
export async function* mergeConcurrently<T>(
  producers: readonly (() => AsyncIterable<T>)[],
  concurrency: number,
): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let running = 0;
  let next = 0;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const start = () => {
    while (running < concurrency && next < producers.length) {
      const producer = producers[next++] as () => AsyncIterable<T>;
      running++;
      void (async () => {
        try {
          for await (const item of producer()) {
            queue.push(item);
            notify();
          }
        } catch (error) {
          failure ??= { error };
        } finally {
          running--;
          start();
          notify();
        }
      })();
    }
  };
  start();
  while (true) {
    if (queue.length > 0) {
      yield queue.shift() as T;
      continue;
    }
    if (failure) throw failure.error;
    if (running === 0 && next >= producers.length) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}

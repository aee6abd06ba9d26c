/**
 * Runs async jobs one at a time in arrival order, so commands on one card never interleave.
 * Written with plain promise chaining rather than async/await: every transmit passes through
 * here, and each async layer costs a promise and a microtask turn of its own.
 */
export class SerialQueue {
  private running = false;
  private readonly waiting: Array<() => void> = [];

  run<T>(job: () => Promise<T>): Promise<T> {
    if (!this.running) return this.start(job);
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.start(job));
  }

  get idle(): boolean {
    return !this.running;
  }

  private start<T>(job: () => Promise<T>): Promise<T> {
    this.running = true;
    let result: Promise<T>;
    try {
      result = Promise.resolve(job());
    } catch (error) {
      this.handOver();
      return Promise.reject(error);
    }
    return result.then(
      (value) => {
        this.handOver();
        return value;
      },
      (error: unknown) => {
        this.handOver();
        throw error;
      },
    );
  }

  /** The next waiter runs; the queue stays busy in between so no newcomer can slip ahead. */
  private handOver(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running = false;
  }
}

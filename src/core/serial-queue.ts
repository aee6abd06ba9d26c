/** Runs async jobs one at a time in arrival order, so commands on one card never interleave. */
export class SerialQueue {
  private running = false;
  private readonly waiting: Array<() => void> = [];

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running = true;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running = false;
    }
  }

  get idle(): boolean {
    return !this.running;
  }
}

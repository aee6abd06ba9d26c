/**
 * libpcsclite serialises all calls made through one context (and its card handles) with a
 * mutex, held for the whole of a blocking call such as SCardGetStatusChange. This gate does
 * the same for calls that have to wait; calls that finish at once simply check it is free.
 */
export class ContextGate {
  private busy = false;
  private readonly queue: Array<() => void> = [];

  get isFree(): boolean {
    return !this.busy;
  }

  run<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.busy) return this.enter(operation);
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        this.enter(operation).then(resolve, reject);
      });
    });
  }

  private enter<T>(operation: () => Promise<T>): Promise<T> {
    this.busy = true;
    let running: Promise<T>;
    try {
      running = operation();
    } catch (error) {
      this.leave();
      return Promise.reject(error);
    }
    return running.finally(() => this.leave());
  }

  private leave(): void {
    const next = this.queue.shift();
    if (next === undefined) this.busy = false;
    else next();
  }
}

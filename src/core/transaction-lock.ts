import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Keeps other callers out while a transaction runs, without blocking the transaction's own calls:
 * work started inside the transaction carries its token through AsyncLocalStorage.
 */
export class TransactionGate {
  private readonly scope = new AsyncLocalStorage<symbol>();
  private token: symbol | undefined;
  private ended: Promise<void> | undefined;

  /** Resolves at once inside the running transaction or when none runs; otherwise when it ends. */
  async waitTurn(): Promise<void> {
    while (this.ended && this.scope.getStore() !== this.token) await this.ended;
  }

  get active(): boolean {
    return this.ended !== undefined;
  }

  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.ended && this.scope.getStore() === this.token) return body();
    // Check and claim with no await in between, so two waiters cannot both claim.
    while (this.ended) await this.ended;
    let finish!: () => void;
    this.ended = new Promise<void>((resolve) => (finish = resolve));
    const token = Symbol('transaction');
    this.token = token;
    try {
      return await this.scope.run(token, body);
    } finally {
      this.token = undefined;
      this.ended = undefined;
      finish();
    }
  }
}

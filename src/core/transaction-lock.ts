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
    while (this.holdsBackCaller) await this.ended;
  }

  /** True while a transaction runs, even for the transaction's own calls (a cheap first check). */
  get active(): boolean {
    return this.ended !== undefined;
  }

  /** True when a transaction runs and the caller is not part of it. */
  get holdsBackCaller(): boolean {
    return this.ended !== undefined && this.scope.getStore() !== this.token;
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

const processGates = new Map<string, TransactionGate>();

/**
 * The gate of `{ scope: 'process' }` transactions on `reader`: one per reader name for the whole
 * process, so every Card of every Pcsc in this process on that reader waits for it.
 */
export function processReaderGate(reader: string): TransactionGate {
  let gate = processGates.get(reader);
  if (!gate) {
    gate = new TransactionGate();
    processGates.set(reader, gate);
  }
  return gate;
}

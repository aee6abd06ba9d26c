/**
 * Wakes waiters when the service state changes (readers, cards, sharing, transaction locks).
 * The version lets a waiter that read the state at version v notice a change that happened
 * before it started listening.
 */
export class ChangeSignal {
  private currentVersion = 0;
  private readonly listeners = new Set<() => void>();

  get version(): number {
    return this.currentVersion;
  }

  notify(): void {
    this.currentVersion += 1;
    if (this.listeners.size === 0) return;
    const waiting = [...this.listeners];
    this.listeners.clear();
    for (const listener of waiting) listener();
  }

  /** Calls `listener` once at the first change after `version`; returns a function that stops listening. */
  onChangeSince(version: number, listener: () => void): () => void {
    if (version !== this.currentVersion) {
      let cancelled = false;
      void Promise.resolve().then(() => {
        if (!cancelled) listener();
      });
      return () => {
        cancelled = true;
      };
    }
    const once = (): void => listener();
    this.listeners.add(once);
    return () => {
      this.listeners.delete(once);
    };
  }

  whenChangedSince(version: number): Promise<void> {
    return new Promise((resolve) => {
      this.onChangeSince(version, resolve);
    });
  }
}

/** PySCard's Observer: `update` is called with the observed object and what changed. */
export interface Observer<TObservable = unknown, TArg = unknown> {
  /** Called with the observable that changed and what it passed to notifyObservers. */
  update(observable: TObservable, arg: TArg): void;
}

/** PySCard's Observable: observers are notified only after setChanged(). */
export class Observable<TArg = unknown> {
  protected obs: Array<Observer<this, TArg>> = [];
  private changed = false;

  /** Adds `observer` unless it is already registered. */
  addObserver(observer: Observer<this, TArg>): void {
    if (!this.obs.includes(observer)) this.obs.push(observer);
  }

  /** Removes `observer`; throws Error when it is not registered. */
  deleteObserver(observer: Observer<this, TArg>): void {
    const index = this.obs.indexOf(observer);
    if (index < 0) throw new Error('deleteObserver: observer not registered');
    this.obs.splice(index, 1);
  }

  /** Removes every observer. */
  deleteObservers(): void {
    this.obs = [];
  }

  /** Calls every observer's update with `arg`, then clears the changed flag; does nothing unless setChanged() was called. */
  notifyObservers(arg: TArg): void {
    if (!this.changed) return;
    // A copy, so an observer that adds or removes observers does not disturb this round.
    const observers = [...this.obs];
    this.clearChanged();
    for (const observer of observers) observer.update(this, arg);
  }

  /** Marks the observable changed, so the next notifyObservers() notifies. */
  setChanged(): void {
    this.changed = true;
  }

  /** Clears the changed flag. */
  clearChanged(): void {
    this.changed = false;
  }

  /** Whether setChanged() was called since the last notification. */
  hasChanged(): boolean {
    return this.changed;
  }

  /** The number of registered observers. */
  countObservers(): number {
    return this.obs.length;
  }
}

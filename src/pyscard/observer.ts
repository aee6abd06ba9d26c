/** PySCard's Observer: `update` is called with the observed object and what changed. */
export interface Observer<TObservable = unknown, TArg = unknown> {
  update(observable: TObservable, arg: TArg): void;
}

/** PySCard's Observable: observers are notified only after setChanged(). */
export class Observable<TArg = unknown> {
  protected obs: Array<Observer<this, TArg>> = [];
  private changed = false;

  addObserver(observer: Observer<this, TArg>): void {
    if (!this.obs.includes(observer)) this.obs.push(observer);
  }

  deleteObserver(observer: Observer<this, TArg>): void {
    const index = this.obs.indexOf(observer);
    if (index < 0) throw new Error('deleteObserver: observer not registered');
    this.obs.splice(index, 1);
  }

  deleteObservers(): void {
    this.obs = [];
  }

  notifyObservers(arg: TArg): void {
    if (!this.changed) return;
    // A copy, so an observer that adds or removes observers does not disturb this round.
    const observers = [...this.obs];
    this.clearChanged();
    for (const observer of observers) observer.update(this, arg);
  }

  setChanged(): void {
    this.changed = true;
  }

  clearChanged(): void {
    this.changed = false;
  }

  hasChanged(): boolean {
    return this.changed;
  }

  countObservers(): number {
    return this.obs.length;
  }
}

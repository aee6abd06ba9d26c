import { EventEmitter } from 'eventemitter3';
import type { PcscEvents } from './pcsc-events';

type EventName = EventEmitter.EventNames<PcscEvents>;
type Listener<T extends EventName> = EventEmitter.EventListener<PcscEvents, T>;
type AnyListener = (...args: unknown[]) => unknown;

/**
 * An EventEmitter whose listeners cannot break the emitter: a listener that throws (or returns a
 * rejected promise) is reported as an 'error' event and the other listeners still run. With no
 * 'error' listener, or when an 'error' listener itself fails, the error is thrown on the next tick,
 * as Node does with an EventEmitter's unhandled 'error': it reaches 'uncaughtException' instead of
 * vanishing, and whoever emitted (the reader monitor) keeps running.
 */
export class PcscEmitter extends EventEmitter<PcscEvents> {
  private readonly guards = new Map<EventName, WeakMap<AnyListener, AnyListener>>();

  /** Called after a listener was added for `event`. */
  protected listenerAdded(_event: EventName): void {
    // A hook for subclasses.
  }

  override on<T extends EventName>(event: T, fn: Listener<T>, context?: unknown): this {
    super.on(event, this.guard(event, fn), context);
    this.listenerAdded(event);
    return this;
  }

  /** Same as on(). */
  override addListener<T extends EventName>(event: T, fn: Listener<T>, context?: unknown): this {
    return this.on(event, fn, context);
  }

  override once<T extends EventName>(event: T, fn: Listener<T>, context?: unknown): this {
    super.once(event, this.guard(event, fn), context);
    this.listenerAdded(event);
    return this;
  }

  override removeListener<T extends EventName>(event: T, fn?: Listener<T>, context?: unknown, once?: boolean): this {
    const guarded = fn === undefined ? undefined : this.guards.get(event)?.get(fn as AnyListener);
    if (fn !== undefined && guarded === undefined) return this;
    super.removeListener(event, guarded, context, once);
    return this;
  }

  /** Same as removeListener(). */
  override off<T extends EventName>(event: T, fn?: Listener<T>, context?: unknown, once?: boolean): this {
    return this.removeListener(event, fn, context, once);
  }

  private guard<T extends EventName>(event: T, fn: Listener<T>): AnyListener {
    let byListener = this.guards.get(event);
    if (!byListener) {
      byListener = new WeakMap();
      this.guards.set(event, byListener);
    }
    const original = fn as AnyListener;
    const existing = byListener.get(original);
    if (existing) return existing;
    const report = (error: unknown): void => {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (event === 'error' || this.listenerCount('error') === 0) throwOnNextTick(failure);
      else this.emit('error', failure);
    };
    const guarded = function (this: unknown, ...args: unknown[]): void {
      try {
        const result = original.apply(this, args);
        if (isPromiseLike(result)) result.then(undefined, report);
      } catch (error) {
        report(error);
      }
    };
    byListener.set(original, guarded);
    return guarded;
  }
}

function throwOnNextTick(error: Error): void {
  process.nextTick(() => {
    throw error;
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

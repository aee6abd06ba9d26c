import { SCARD_E_NO_SERVICE } from '../driver/return-codes';
import type { Card } from './card';
import { CardRequest } from './card-request';
import { listDiff } from './list-diff';
import { Observable, type Observer } from './observer';
import { PollingReaderStateSource, type ReaderStateSource } from './reader-state-source';

/** [addedcards, removedcards], what CardObserver.update receives. */
export type CardChanges = [addedcards: Card[], removedcards: Card[]];

/** Base class for objects told about card insertions and removals; override update(). */
export class CardObserver implements Observer<CardMonitor, CardChanges> {
  /** Called with the monitor and [added cards, removed cards]; does nothing here. */
  update(_observable: CardMonitor, _handlers: CardChanges): void {
    // Subclasses react to the changes.
  }
}

/** How a CardMonitor learns of cards. */
export interface CardMonitorOptions {
  /** Where card state comes from; default polling every 100 ms without keeping Node running. */
  readonly stateSource?: ReaderStateSource;
}

/**
 * PySCard's CardMonitor: observers get update(monitor, [added, removed]) whenever cards come or go,
 * and on addObserver once with the cards already known. Monitoring runs while there are observers
 * and, like PySCard's daemon thread, never keeps Node running by itself.
 */
export class CardMonitor extends Observable<CardChanges> {
  /** The cards present at the last poll. */
  cards: Card[] = [];
  private readonly source: ReaderStateSource;
  private running: AbortController | undefined;

  constructor(options: CardMonitorOptions = {}) {
    super();
    this.source = options.stateSource ?? new PollingReaderStateSource({ keepAlive: false });
  }

  /** Adds `observer`, starts monitoring if needed, and tells it at once of the cards already known (as added). */
  override addObserver(observer: Observer<this, CardChanges>): void {
    super.addObserver(observer);
    if (!this.running) this.start();
    observer.update(this, [[...this.cards], []]);
  }

  /** Removes `observer` (throws Error when it is not registered); monitoring stops with the last one. */
  override deleteObserver(observer: Observer<this, CardChanges>): void {
    super.deleteObserver(observer);
    if (this.countObservers() === 0) this.stop();
  }

  /** Removes every observer and stops monitoring. */
  override deleteObservers(): void {
    super.deleteObservers();
    this.stop();
  }

  /** Stops monitoring (also done when the last observer leaves). */
  stop(): void {
    this.running?.abort();
    this.running = undefined;
  }

  override toString(): string {
    return 'CardMonitor';
  }

  private start(): void {
    const controller = new AbortController();
    this.running = controller;
    void this.run(controller.signal);
  }

  private async run(signal: AbortSignal): Promise<void> {
    const request = new CardRequest({ timeout: 0.1, stateSource: this.source });
    while (!signal.aborted) {
      try {
        const current = await request.waitforcardevent();
        if (signal.aborted) return;
        const { added, removed } = listDiff(this.cards, current);
        if (added.length === 0 && removed.length === 0) continue;
        this.cards = current;
        this.setChanged();
        this.notifyObservers([added, removed]);
      } catch (error) {
        // As PySCard: report and keep monitoring, except when the PC/SC service is gone.
        console.error(error);
        if (hresultIn(error) === SCARD_E_NO_SERVICE) {
          if (this.running?.signal === signal) this.running = undefined;
          return;
        }
        await this.source.waitForChange(100, signal);
      }
    }
  }
}

function hresultIn(error: unknown): number | undefined {
  const hresult = (error as { hresult?: unknown } | null)?.hresult;
  return typeof hresult === 'number' ? hresult >>> 0 : undefined;
}

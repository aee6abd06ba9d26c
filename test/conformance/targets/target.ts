import type { Pcsc } from '../../../src/core/pcsc';
import type { QuirksOption } from '../../../src/quirks/quirk-profile';
import type { VirtualCard } from '../../../src/testing/virtual-card';
import type { Expectation } from '../../scenarios/scenario';

export type { Expectation } from '../../scenarios/scenario';

export interface AppOptions {
  /** The application runs in a process forked from one that used PC/SC (simulator only). */
  readonly forkedChild?: boolean;
}

/** One scenario's world: a reader holding `card`, and any number of applications. */
export interface Bench {
  readonly reader: string;
  readonly card: VirtualCard;
  readonly canFork: boolean;
  app(options?: AppOptions): Promise<Pcsc>;
  /** Takes the card out; resolves once PC/SC shows the reader empty. */
  removeCard(): Promise<void>;
}

/** Something the same scenarios run against: the real pcscd or a simulator personality. */
export interface ConformanceTarget {
  readonly id: string;
  readonly expectation: Expectation;
  readonly quirks: QuirksOption;
  /** Once per test file. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Before each scenario: a fresh reader state with `card` inserted. */
  setUp(card: VirtualCard): Promise<Bench>;
  /** After each scenario: every application closed and the card gone. */
  tearDown(): Promise<void>;
}

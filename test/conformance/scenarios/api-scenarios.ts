import { seedTestApplet } from '../../../src/testing/sample-cards';
import type { VirtualCard } from '../../../src/testing/virtual-card';
import type { Scenario as ScenarioBase } from '../../scenarios/scenario';
import type { Bench } from '../targets/target';
import { failure, hex, observe, outcomeOf } from './observe';
import { COMMAND, SELECT, t0OnlyCard } from '../../fixtures/seed';

export type Observation = Readonly<Record<string, unknown>>;

export interface Scenario extends ScenarioBase<Bench, Observation> {
  readonly title: string;
  /** The card in the reader; default the seed's test applet. */
  readonly card?: () => VirtualCard;
  /** Needs a forked application, which only the simulator can stand for. */
  readonly needsFork?: boolean;
}

const SELECTED_ANSWERS = { select: { sw: '9000' }, command: { sw: '9000', data: '00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D' } };
const SHARING_VIOLATION = { error: 'SharingViolationError', codeName: 'SCARD_E_SHARING_VIOLATION' };
const PROTO_MISMATCH = { error: 'ProtocolMismatchError', codeName: 'SCARD_E_PROTO_MISMATCH' };
const RESET = { error: 'CardResetError', codeName: 'SCARD_W_RESET_CARD' };
const NOT_SELECTED = { sw: '6985' };

/** Another application connects and disconnects with SCARD_RESET_CARD (the seed's reset script). */
async function resetByAnotherApplication(bench: Bench): Promise<void> {
  const resetter = await bench.app();
  const connection = await resetter.connect(bench.reader);
  await connection.disconnect('reset');
}

/** The seed's scenarios, each one list entry run against every target. */
export const SCENARIOS: readonly Scenario[] = [
  {
    title: 'lists the reader with its state and the ATR',
    async run(bench) {
      const readers = await (await bench.app()).listReaders();
      const ours = readers.find((reader) => reader.name === bench.reader);
      return { listed: ours !== undefined, state: ours?.state, atr: ours?.atr && hex(ours.atr) };
    },
    expected: { 'pcsc-lite': { listed: true, state: 'present', atr: '3B 80 80 01 01 01' } },
  },
  {
    title: 'connects shared and transmits SELECT and 80 34 00 0E 0E',
    async run(bench) {
      const card = await (await bench.app()).connect(bench.reader, { share: 'shared' });
      const select = await observe(card.transmit(SELECT));
      const command = await observe(card.transmit(COMMAND));
      return { protocol: card.protocol, select, command, received: bench.card.commandCount };
    },
    expected: { 'pcsc-lite': { protocol: 'T1', ...SELECTED_ANSWERS, received: 2 } },
  },
  {
    title: 'a second exclusive connect while another application holds the card exclusively',
    async run(bench) {
      await (await bench.app()).connect(bench.reader, { share: 'exclusive' });
      const second = await outcomeOf((await bench.app()).connect(bench.reader, { share: 'exclusive' }));
      return { second };
    },
    // The seed: "The correct error code (Sharing violation) is returned if you run a second exclusive.py".
    expected: { 'pcsc-lite': { second: SHARING_VIOLATION } },
  },
  {
    title: 'a shared connect while another application holds the card exclusively',
    async run(bench) {
      await (await bench.app()).connect(bench.reader, { share: 'exclusive' });
      const shared = await outcomeOf((await bench.app()).connect(bench.reader, { share: 'shared' }));
      return { shared };
    },
    expected: { 'pcsc-lite': { shared: SHARING_VIOLATION }, unpatched: { shared: PROTO_MISMATCH } },
  },
  {
    title: 'a T=1-only connect to a T=0-only card is a genuine protocol mismatch',
    card: t0OnlyCard,
    async run(bench) {
      const app = await bench.app();
      const t1 = await outcomeOf(app.connect(bench.reader, { protocols: ['T1'] }));
      const t0 = await app.connect(bench.reader, { protocols: ['T0'] }).then((card) => ({ protocol: card.protocol }), failure);
      return { t1, t0 };
    },
    expected: { 'pcsc-lite': { t1: PROTO_MISMATCH, t0: { protocol: 'T0' } } },
  },
  {
    title: 'a reset by another application fails the next transmit, which never reaches the card',
    async run(bench) {
      const card = await (await bench.app()).connect(bench.reader);
      await card.transmit(SELECT);
      const before = [];
      for (let i = 0; i < 3; i += 1) before.push(await observe(card.transmit(COMMAND)));
      await resetByAnotherApplication(bench);
      const received = bench.card.commandCount;
      const next = await observe(card.transmit(COMMAND));
      const afterNext = await observe(card.transmit(COMMAND));
      return { before: before.every((o) => 'sw' in o && o.sw === '9000'), next, afterNext, reachedCard: bench.card.commandCount - received };
    },
    expected: {
      'pcsc-lite': { before: true, next: RESET, afterNext: RESET, reachedCard: 0 },
      // The seed: "Command: 69 85", then "Card was reset." one transmit later.
      unpatched: { before: true, next: NOT_SELECTED, afterNext: RESET, reachedCard: 1 },
    },
  },
  {
    title: 'a card removed mid-session gives CardRemovedError',
    async run(bench) {
      const card = await (await bench.app()).connect(bench.reader);
      const select = await observe(card.transmit(SELECT));
      await bench.removeCard();
      const received = bench.card.commandCount;
      const next = await observe(card.transmit(COMMAND));
      return { select, next, reachedCard: bench.card.commandCount - received };
    },
    expected: { 'pcsc-lite': { select: { sw: '9000' }, next: { error: 'CardRemovedError', codeName: 'SCARD_W_REMOVED_CARD' }, reachedCard: 0 } },
  },
  {
    title: 'after a reset, reconnect finds the applet deselected',
    async run(bench) {
      const card = await (await bench.app()).connect(bench.reader);
      await card.transmit(SELECT);
      await resetByAnotherApplication(bench);
      await card.reconnect();
      const command = await observe(card.transmit(COMMAND));
      const reselect = await observe(card.transmit(SELECT));
      const again = await observe(card.transmit(COMMAND));
      return { command, reselect, again };
    },
    expected: { 'pcsc-lite': { command: NOT_SELECTED, reselect: { sw: '9000' }, again: SELECTED_ANSWERS.command } },
  },
  {
    title: 'a transaction returns its body result, passes its error on, and leaves the card usable',
    async run(bench) {
      const card = await (await bench.app()).connect(bench.reader);
      // 'process' runs on every driver: SCardBeginTransaction where the driver has it, else the in-process lock.
      const inside = await card.transaction(async (c) => [await observe(c.transmit(SELECT)), await observe(c.transmit(COMMAND))], {
        scope: 'process',
      });
      const thrown = await card
        .transaction(
          async (c) => {
            await c.transmit(COMMAND);
            throw new RangeError('body failed');
          },
          { scope: 'process' },
        )
        .then(
          () => 'no error',
          (error: unknown) => (error instanceof RangeError ? error.message : String(error)),
        );
      const after = await observe(card.transmit(COMMAND));
      return { inside, thrown, after };
    },
    expected: {
      'pcsc-lite': { inside: [SELECTED_ANSWERS.select, SELECTED_ANSWERS.command], thrown: 'body failed', after: SELECTED_ANSWERS.command },
    },
  },
  {
    title: 'an application forked from one that used PC/SC',
    needsFork: true,
    async run(bench) {
      await bench.app();
      try {
        const child = await bench.app({ forkedChild: true });
        return { readers: (await child.listReaders()).map((reader) => reader.name) };
      } catch (error) {
        const message = error instanceof Error ? error.message : '';
        return { ...failure(error), advisesWorker: message.includes("isolation: 'worker'") };
      }
    },
    expected: {
      'pcsc-lite': { readers: ['Virtual PCD 00 00'] },
      quirked: { error: 'ForkedContextError', codeName: 'SCARD_E_NO_SERVICE', advisesWorker: true },
      unpatched: { error: 'NoServiceError', codeName: 'SCARD_E_NO_SERVICE', advisesWorker: false },
    },
  },
];

export const defaultCard = seedTestApplet;

import { openDriver } from '../../src/compose/open-driver';
import type { ContextId, PcscDriver } from '../../src/driver/pcsc-driver';
import * as k from '../../src/driver/scard-constants';
import { VPCD_DEFAULT_PORT } from '../../src/testing';
import { seedTestApplet } from '../../src/testing/sample-cards';
import type { VirtualCard } from '../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import { REAL_DRIVERS, type RealDriver } from '../harness/drivers';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { type ContractWorld, warmUp } from './contract-world';
import { CONTRACT_READERS } from './simulated-world';
import { SlowResetCard } from './slow-reset-card';
import type { ReaderIndex } from './steps';

const SETTLE_TIMEOUT_MS = 10_000;
const POLL_MS = 20;
/** pcscd powers an idle card down within two polls of 400 ms; far more means it will not. */
const IDLE_POWER_DOWN_LIMIT_MS = 3_000;

/** A driver under contract: a native binding in this process, or the same binding in a worker process. */
export interface DriverUnderTest {
  readonly label: string;
  readonly binding: RealDriver;
  readonly isolation: 'in-process' | 'worker';
}

/** Every driver this machine has, in process and under worker isolation. */
export function driversUnderTest(): DriverUnderTest[] {
  return REAL_DRIVERS.flatMap((binding) => [
    { label: binding, binding, isolation: 'in-process' as const },
    { label: `worker(${binding})`, binding, isolation: 'worker' as const },
  ]);
}

async function openPortDriver(driver: DriverUnderTest): Promise<PcscDriver> {
  return (await openDriver({ driver: driver.binding, isolation: driver.isolation, quirks: 'none' })).driver;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The real pcscd with vpcd's two slots, each holding a VirtualCard served from this process. */
export class RealWorld implements ContractWorld {
  readonly readers = CONTRACT_READERS;
  readonly callLimits = { blockedAfterMs: 2_000, hangAfterMs: 20_000 };
  readonly cards: readonly [VirtualCard, VirtualCard] = [seedTestApplet(), seedTestApplet()];
  /** The cards as vpcd reaches them. */
  private readonly attached: readonly [SlowResetCard, SlowResetCard] = [new SlowResetCard(this.cards[0]), new SlowResetCard(this.cards[1])];
  private links: [VpcdAttachment, VpcdAttachment] | undefined;
  private watcherContext: ContextId | undefined;
  private expectedPowerDowns: ReadonlyArray<readonly ReaderIndex[]> = [];
  private powerOffsAtStart: readonly [number, number] = [0, 0];

  private constructor(
    readonly label: string,
    readonly apps: readonly PcscDriver[],
    private readonly watcher: PcscDriver,
  ) {}

  /** Starts pcscd afresh, attaches both cards and opens `appCount` applications of `driver`. */
  static async open(driver: DriverUnderTest, appCount: number): Promise<RealWorld> {
    // A fresh daemon: an earlier world may have left it restarted with its slots half re-read.
    await stopPcscd();
    await startPcscd();
    const apps: PcscDriver[] = [];
    for (let i = 0; i < appCount; i += 1) apps.push(await openPortDriver(driver));
    const world = new RealWorld(driver.label, apps, await openPortDriver({ label: 'watcher', binding: REAL_DRIVERS[0], isolation: 'in-process' }));
    world.links = [await attachToVpcd(world.attached[0], { port: VPCD_DEFAULT_PORT }), await attachToVpcd(world.attached[1], { port: VPCD_DEFAULT_PORT + 1 })];
    await world.prepare();
    return world;
  }

  /** Before each sequence: both cards in, shown present, and starting over (nothing selected). */
  async prepare(): Promise<void> {
    for (const card of this.attached) card.clear();
    for (const r of [0, 1] as const) await this.insertCard(r);
    await warmUp(this.watcher, await this.watcherContextId(), this.readers);
    for (const card of this.cards) card.reset();
  }

  slowNextReset(reader: ReaderIndex): void {
    this.attached[reader].slowNextReset();
  }

  async removeCard(reader: ReaderIndex): Promise<boolean> {
    const link = this.link(reader);
    if (!link.connected) return false;
    await link.remove();
    await this.settle(reader, k.SCARD_STATE_EMPTY);
    return true;
  }

  async insertCard(reader: ReaderIndex): Promise<boolean> {
    const link = this.link(reader);
    const wasIn = link.connected;
    if (!wasIn) await link.insert();
    await link.whenActivated();
    await this.settle(reader, k.SCARD_STATE_PRESENT);
    return !wasIn;
  }

  async restartService(): Promise<void> {
    const wasIn = [0, 1].map((r) => this.link(r as ReaderIndex).connected);
    await stopPcscd('SIGTERM');
    for (const r of [0, 1] as const) await this.link(r).remove();
    this.watcherContext = undefined;
    await startPcscd();
    for (const r of [0, 1] as const) if (wasIn[r]) await this.insertCard(r);
  }

  async readerState(reader: ReaderIndex): Promise<number> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const context = await this.watcherContextId();
      const outcome = await this.watcher.getStatusChange(context, [{ reader: this.readers[reader], currentState: k.SCARD_STATE_UNAWARE }], 0);
      if (outcome.ok) return outcome.value[0]?.eventState ?? 0;
      // The watcher's context died with an earlier pcscd.
      await this.watcher.releaseContext(context);
      this.watcherContext = undefined;
    }
    throw new Error(`${this.label}: cannot read the state of ${this.readers[reader]}`);
  }

  /** What the simulator's service powered down after each step: the real one must do the same. */
  expectIdlePowerDowns(perStep: ReadonlyArray<readonly ReaderIndex[]>): void {
    this.expectedPowerDowns = perStep;
  }

  stepStarted(): void {
    this.powerOffsAtStart = this.powerOffCounts();
  }

  /**
   * Waits for pcscd's reader thread to power down the idle cards the simulator powered down after
   * this step. It does so at its next poll or the one after (every 400 ms with vpcd); vpcd tells
   * the card, even one already off. Past the limit the run goes on and the steps show the difference.
   */
  async stepEnded(index: number): Promise<void> {
    const readers = this.expectedPowerDowns[index] ?? [];
    if (readers.length === 0) return;
    const atEnd = this.powerOffCounts();
    const poweredDown = (r: ReaderIndex): boolean => {
      const link = this.link(r);
      return link.powerOffCount > atEnd[r] || (link.powerOffCount > this.powerOffsAtStart[r] && !link.powered);
    };
    const deadline = Date.now() + IDLE_POWER_DOWN_LIMIT_MS;
    while (!readers.every(poweredDown) && Date.now() < deadline) await sleep(POLL_MS);
  }

  async dispose(): Promise<void> {
    for (const app of this.apps) await app.dispose();
    await this.watcher.dispose();
    for (const link of this.links ?? []) await link.remove();
  }

  private powerOffCounts(): [number, number] {
    return [this.link(0).powerOffCount, this.link(1).powerOffCount];
  }

  private link(reader: ReaderIndex): VpcdAttachment {
    const link = this.links?.[reader];
    if (!link) throw new Error('the world is not open');
    return link;
  }

  private async watcherContextId(): Promise<ContextId> {
    if (this.watcherContext !== undefined) return this.watcherContext;
    const established = await this.watcher.establishContext();
    if (!established.ok) throw new Error(`${this.label}: the watcher cannot establish a context (0x${established.rc.toString(16)})`);
    this.watcherContext = established.value;
    return established.value;
  }

  /** pcscd polls vpcd: wait until its clients see the slot `flag` (empty or present). */
  private async settle(reader: ReaderIndex, flag: number): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (((await this.readerState(reader)) & flag) === 0) {
      if (Date.now() > deadline) throw new Error(`${this.readers[reader]} never showed state 0x${flag.toString(16)}`);
      await sleep(POLL_MS);
    }
  }
}

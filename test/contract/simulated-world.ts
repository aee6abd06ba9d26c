import type { DriverCapabilities, PcscDriver } from '../../src/driver/pcsc-driver';
import { SCARD_STATE_UNAWARE } from '../../src/driver/scard-constants';
import { SimulatedPcsc, resolvePersonality } from '../../src/simulator';
import type { SimulatedReaderSlot } from '../../src/simulator';
import { seedTestApplet } from '../../src/testing/sample-cards';
import type { VirtualCard } from '../../src/testing/virtual-card';
import { type ContractWorld, warmUp } from './contract-world';
import type { ReaderIndex } from './steps';

export const CONTRACT_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;

/**
 * The simulator's linux personality with the capabilities of the driver it is compared with:
 * a call the driver lacks answers SCARD_E_UNSUPPORTED_FEATURE on both sides.
 */
export class SimulatedWorld implements ContractWorld {
  readonly label: string;
  readonly apps: readonly PcscDriver[];
  readonly readers = CONTRACT_READERS;
  /** The simulator answers at once unless a call waits for a lock. */
  readonly callLimits = { blockedAfterMs: 200, hangAfterMs: 500 };
  readonly cards: readonly [VirtualCard, VirtualCard] = [seedTestApplet(), seedTestApplet()];
  private readonly sim: SimulatedPcsc;
  private readonly slots: readonly [SimulatedReaderSlot, SimulatedReaderSlot];
  private readonly watcher: PcscDriver;
  private readonly poweredDown: ReaderIndex[][] = [];
  private readonly negotiatedAtStart: Array<readonly [number, number]> = [];

  constructor(capabilities: DriverCapabilities, appCount: number) {
    // No idle power-down by the clock: it runs between steps, where the real world waits for pcscd's.
    this.sim = new SimulatedPcsc({ personality: { ...resolvePersonality('linux'), capabilities }, idlePowerOffMs: false });
    this.label = 'simulator(linux)';
    // vpcd's slots: commands reach a powered-down card too.
    const vpcdSlot = { forwardsToUnpoweredCard: true };
    this.slots = [this.sim.addReader(CONTRACT_READERS[0], vpcdSlot), this.sim.addReader(CONTRACT_READERS[1], vpcdSlot)];
    this.slots[0].insert(this.cards[0]);
    this.slots[1].insert(this.cards[1]);
    this.apps = Array.from({ length: appCount }, () => this.sim.driver());
    this.watcher = this.sim.driver();
  }

  /** Before the sequence: the same starting state as the real world's (see warmUp). */
  async prepare(): Promise<void> {
    const context = await this.watcher.establishContext();
    if (!context.ok) throw new Error('the simulator cannot establish a context');
    await warmUp(this.watcher, context.value, this.readers);
    await this.watcher.releaseContext(context.value);
    for (const card of this.cards) card.reset();
  }

  async removeCard(reader: ReaderIndex): Promise<boolean> {
    const slot = this.slots[reader];
    if (!slot.card) return false;
    slot.remove();
    return true;
  }

  async insertCard(reader: ReaderIndex): Promise<boolean> {
    const slot = this.slots[reader];
    if (slot.card) return false;
    slot.insert(this.cards[reader]);
    return true;
  }

  /** The simulated service runs one call at a time: no other call can run inside its reset. */
  slowNextReset(): void {}

  async restartService(): Promise<void> {
    this.sim.stopService();
    this.sim.startService();
  }

  async readerState(reader: ReaderIndex): Promise<number> {
    const context = await this.watcher.establishContext();
    if (!context.ok) return 0;
    const outcome = await this.watcher.getStatusChange(context.value, [{ reader: this.readers[reader], currentState: SCARD_STATE_UNAWARE }], 0);
    await this.watcher.releaseContext(context.value);
    return outcome.value?.[0]?.eventState ?? 0;
  }

  /** After each step, the readers whose idle card the simulated service powered down. */
  get idlePowerDowns(): ReadonlyArray<readonly ReaderIndex[]> {
    return this.poweredDown;
  }

  /** The protocol each reader had negotiated when each step began (see racedPastRelease). */
  get negotiatedProtocols(): ReadonlyArray<readonly [number, number]> {
    return this.negotiatedAtStart;
  }

  stepStarted(): void {
    this.negotiatedAtStart.push([this.slots[0].negotiatedProtocol, this.slots[1].negotiatedProtocol]);
  }

  async stepEnded(index: number): Promise<void> {
    this.poweredDown[index] = ([0, 1] as const).filter((r) => this.slots[r].powerDownIfIdle());
  }

  async dispose(): Promise<void> {
    for (const app of this.apps) await app.dispose();
    await this.watcher.dispose();
  }
}

import { Pcsc } from '../../../../src/compose/pcsc';
import { describeCode } from '../../../../src/errors/error-table';
import { PcscError } from '../../../../src/errors/pcsc-error';
import type { ContextId, HandleId, PcscDriver } from '../../../../src/driver/pcsc-driver';
import { SCARD_PROTOCOL_ANY, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import { resolveQuirkProfile, withQuirks, type QuirksOption } from '../../../../src/quirks';
import { SimulatedPcsc, type PersonalityName, type SimulatorPersonality } from '../../../../src/simulator';
import type { VirtualCard } from '../../../../src/testing/virtual-card';

/** One run of a scenario: a simulated platform, and applications behind the quirk layer or not. */
export class QuirkWorld {
  readonly sim: SimulatedPcsc;
  /** The quirk ids of every notice the applications raised. */
  readonly notices: string[] = [];
  private readonly opened: Pcsc[] = [];
  private readonly drivers: PcscDriver[] = [];

  constructor(
    readonly personality: PersonalityName | SimulatorPersonality,
    readonly quirks: QuirksOption,
    idlePowerOffMs: number | false = false,
  ) {
    this.sim = new SimulatedPcsc({ personality, idlePowerOffMs });
  }

  /** A reader with `card` in it; returns its listed name. */
  reader(name: string, card?: VirtualCard): string {
    const slot = this.sim.addReader(name);
    if (card) slot.insert(card);
    return slot.name;
  }

  /** `driver` (by default a new application) behind the workarounds the quirks option turns on. */
  wrap(driver: PcscDriver = this.sim.driver()): PcscDriver {
    const profile = resolveQuirkProfile(this.quirks, driver.platform, undefined);
    const wrapped = withQuirks(driver, profile, (notice) => this.notices.push(notice.quirk));
    this.drivers.push(wrapped);
    return wrapped;
  }

  /** A new application on the driver port, with a context and a shared connection to `reader`. */
  async connectedApp(reader: string): Promise<{ driver: PcscDriver; context: ContextId; handle: HandleId; protocol: number }> {
    const driver = this.wrap();
    const context = await contextOf(driver);
    const outcome = await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
    if (outcome.value === undefined) throw new Error(`connect failed: ${codeName(outcome.rc)}`);
    return { driver, context, ...outcome.value };
  }

  /** A new application on the public API. */
  async pcsc(): Promise<Pcsc> {
    const pcsc = await Pcsc.open({
      driver: this.sim.driver(),
      quirks: this.quirks,
      monitor: { pollMs: 50 },
      recovery: { minDelayMs: 10, maxDelayMs: 50 },
    });
    pcsc.on('quirk', (notice) => this.notices.push(notice.quirk));
    this.opened.push(pcsc);
    return pcsc;
  }

  async close(): Promise<void> {
    for (const pcsc of this.opened) await pcsc.close();
    for (const driver of this.drivers) await driver.dispose().catch(() => undefined);
  }
}

export async function contextOf(driver: PcscDriver): Promise<ContextId> {
  const outcome = await driver.establishContext();
  if (outcome.value === undefined) throw new Error(`establishContext failed: ${codeName(outcome.rc)}`);
  return outcome.value;
}

export function codeName(rc: number): string {
  return describeCode(rc).name;
}

/** What a call that may throw ended with: its result, or the error's class (and code). */
export async function outcomeOf(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PcscError) return `${error.constructor.name} ${error.codeName}`;
    return error instanceof Error ? error.name : String(error);
  }
}

/** Resolves when `promise` settles, or with 'blocked' after `ms`. */
export function unlessBlocked<T>(promise: Promise<T>, ms: number): Promise<T | 'blocked'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<'blocked'>((resolve) => {
    timer = setTimeout(() => resolve('blocked'), ms);
  });
  return Promise.race([promise, blocked]).finally(() => clearTimeout(timer));
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import type { PcscDriver } from '../../../src/driver/pcsc-driver';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_ANY, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../../src/simulator';
import { seedTestApplet } from '../../../src/testing/sample-cards';
import { ForkGuard } from '../../../src/quirks/workarounds/fork-guard';
import type { HandleStateDriver } from '../../../src/quirks/workarounds/handle-state-driver';
import { MissedResetGuard } from '../../../src/quirks/workarounds/missed-reset-guard';
import { RemovedCardRemap } from '../../../src/quirks/workarounds/removed-card-remap';
import { SharedConnectWithoutBlocking } from '../../../src/quirks/workarounds/shared-connect-without-blocking';
import { valueOf } from '../../fixtures/seed';

const DECORATORS: ReadonlyArray<readonly [string, (inner: PcscDriver) => HandleStateDriver<unknown>]> = [
  ['MissedResetGuard', (inner) => new MissedResetGuard(inner, () => undefined, { signal: 'event-counter', confidence: 'low', reason: 'test' })],
  ['RemovedCardRemap', (inner) => new RemovedCardRemap(inner)],
  ['ForkGuard', (inner) => new ForkGuard(inner)],
  ['SharedConnectWithoutBlocking', (inner) => new SharedConnectWithoutBlocking(inner, () => undefined)],
];

describe.each(DECORATORS)('%s keeps per-handle state', (_name, decorate) => {
  async function connected(): Promise<{ driver: HandleStateDriver<unknown>; context: number; handle: number }> {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const slot = sim.addReader('Reader');
    slot.insert(seedTestApplet());
    const driver = decorate(sim.driver());
    const context = valueOf(await driver.establishContext());
    const { handle } = valueOf(await driver.connect(context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY));
    return { driver, context, handle };
  }

  it('remembers a connected handle and forgets it at disconnect', async () => {
    const { driver, context, handle } = await connected();
    expect(driver.rememberedHandles).toBe(1);
    await driver.disconnect(handle, SCARD_LEAVE_CARD);
    expect(driver.rememberedHandles).toBe(0);
    await driver.releaseContext(context);
  });

  it('forgets the handles of a released context', async () => {
    const { driver, context } = await connected();
    await driver.releaseContext(context);
    expect(driver.rememberedHandles).toBe(0);
  });
});

/**
 * Releasing a context ends the connections made through it, as pcscd does: a card held
 * exclusively through a released context is free for the next application.
 */
import { PcscdDriver } from '../../src/driver/adapters/pcscd/pcscd-driver';
import { PcscliteDriver } from '../../src/driver/adapters/pcsclite/pcsclite-driver';
import { SmartcardDriver } from '../../src/driver/adapters/smartcard/smartcard-driver';
import { WinscardDriver } from '../../src/driver/adapters/winscard/winscard-driver';
import type { PcscDriver } from '../../src/driver/pcsc-driver';
import * as rc from '../../src/driver/return-codes';
import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_EXCLUSIVE } from '../../src/driver/scard-constants';
import { withHarness } from '../harness/with-harness';

const harness = withHarness();
const T0_T1 = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;

async function establish(driver: PcscDriver): Promise<number> {
  const outcome = await driver.establishContext();
  if (outcome.value === undefined) throw new Error(`SCardEstablishContext: 0x${outcome.rc.toString(16)}`);
  return outcome.value;
}

describe.each([
  ['pcscd', () => new PcscdDriver()],
  ['pcsclite', () => new PcscliteDriver()],
  ['smartcard', () => new SmartcardDriver()],
  ['winscard', () => new WinscardDriver()],
] as const)('SCardReleaseContext on the real pcscd (%s)', (_binding, makeDriver) => {
  let holder: PcscDriver;
  let other: PcscDriver;

  beforeEach(() => {
    holder = makeDriver();
    other = makeDriver();
  });
  afterEach(async () => {
    await holder.dispose();
    await other.dispose();
  });

  it('ends the exclusive connection made through the released context', async () => {
    const holding = await establish(holder);
    const held = await holder.connect(holding, harness.readerName, SCARD_SHARE_EXCLUSIVE, T0_T1);
    expect(held.rc).toBe(rc.SCARD_S_SUCCESS);
    const waiting = await establish(other);
    expect((await other.connect(waiting, harness.readerName, SCARD_SHARE_EXCLUSIVE, T0_T1)).rc).toBe(rc.SCARD_E_SHARING_VIOLATION);
    expect(await holder.releaseContext(holding)).toBe(rc.SCARD_S_SUCCESS);
    expect((await other.connect(waiting, harness.readerName, SCARD_SHARE_EXCLUSIVE, T0_T1)).rc).toBe(rc.SCARD_S_SUCCESS);
  });
});

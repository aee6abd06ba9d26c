/**
 * Releasing a context ends the connections made through it, as pcscd does: a card held
 * exclusively through a released context is free for the next application.
 */
import { PcscdDriver } from '../../src/adapters/pcscd/pcscd-driver';
import { PcscliteDriver } from '../../src/adapters/pcsclite/pcsclite-driver';
import { SmartcardDriver } from '../../src/adapters/smartcard/smartcard-driver';
import { WinscardDriver } from '../../src/adapters/winscard/winscard-driver';
import type { PcscDriver } from '../../src/driver/pcsc-driver';
import * as rc from '../../src/driver/return-codes';
import {
  SCARD_LEAVE_CARD,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_INUSE,
  SCARD_STATE_UNAWARE,
} from '../../src/driver/scard-constants';
import { warmUp } from '../contract/contract-world';
import { withHarness } from '../harness/with-harness';
import { SELECT_BYTES } from '../fixtures/seed';

const harness = withHarness();
const T0_T1 = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;
/** Release and the next application's calls follow each other at once; a late cleanup loses some rounds. */
const RACE_ROUNDS = 40;

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
] as const)('SCardReleaseContext on the real pcscd (%s)', (binding, makeDriver) => {
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

  it(`has ended them when it resolves: the next application finds the card free at once (${RACE_ROUNDS} rounds)`, async () => {
    const waiting = await establish(other);
    const late: string[] = [];
    for (let round = 0; round < RACE_ROUNDS; round += 1) {
      const holding = await establish(holder);
      const held = await holder.connect(holding, harness.readerName, SCARD_SHARE_EXCLUSIVE, T0_T1);
      if (held.value === undefined) throw new Error(`round ${round}: exclusive connect answered 0x${held.rc.toString(16)}`);
      expect((await holder.transmit(held.value.handle, held.value.protocol, SELECT_BYTES)).rc).toBe(rc.SCARD_S_SUCCESS);
      expect(await holder.releaseContext(holding)).toBe(rc.SCARD_S_SUCCESS);
      const polled = await other.getStatusChange(waiting, [{ reader: harness.readerName, currentState: SCARD_STATE_UNAWARE }], 0);
      const state = polled.value?.[0]?.eventState ?? 0;
      if (state & (SCARD_STATE_INUSE | SCARD_STATE_EXCLUSIVE)) late.push(`round ${round}: poll saw state 0x${state.toString(16)}`);
      const shared = await other.connect(waiting, harness.readerName, SCARD_SHARE_SHARED, T0_T1);
      if (shared.value === undefined) late.push(`round ${round}: shared connect answered 0x${shared.rc.toString(16)}`);
      else await other.disconnect(shared.value.handle, SCARD_LEAVE_CARD);
    }
    expect(late).toEqual([]);
  }, 120_000);

  it('resets a card whose exclusive connection a reconnect made shared: the next connection negotiates afresh', async () => {
    const holding = await establish(holder);
    await warmUp(holder, holding, [harness.readerName]);
    // The npm pcsclite binding has no SCardReconnect: no such connection exists there.
    expect(holder.capabilities.reconnect).toBe(binding !== 'pcsclite');
    if (!holder.capabilities.reconnect) return;
    const held = await holder.connect(holding, harness.readerName, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0);
    if (held.value === undefined) throw new Error(`exclusive connect answered 0x${held.rc.toString(16)}`);
    const shared = await holder.reconnect(held.value.handle, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0, SCARD_LEAVE_CARD);
    expect([shared.rc, shared.value]).toEqual([rc.SCARD_S_SUCCESS, SCARD_PROTOCOL_T0]);
    const waiting = await establish(other);
    expect(await holder.releaseContext(holding)).toBe(rc.SCARD_S_SUCCESS);
    // At once: pcscd powers a card nobody uses down within a second, which would renegotiate anyway.
    const next = await other.connect(waiting, harness.readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    expect(next.rc).toBe(rc.SCARD_S_SUCCESS);
    expect(next.value?.protocol).toBe(SCARD_PROTOCOL_T1);
  });
});

import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import { type GuardedTransmitResult, type GuardedTransmitter, type TransmitCheck, transmitGuardedCallByCall } from '../../../src/driver/guarded-transmit';
import { type CardStatusResult, type HandleId, type Outcome, type PcscDriver } from '../../../src/driver/pcsc-driver';
import * as rc from '../../../src/driver/return-codes';
import { SCARD_PROTOCOL_ANY, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import type { GuardSignal } from '../../../src/quirks/guard-signal';
import { MissedResetGuard } from '../../../src/quirks/workarounds/missed-reset-guard';
import { SimulatedPcsc } from '../../../src/simulator';
import { seedTestApplet } from '../../../src/testing/sample-cards';
import { SELECT_BYTES, valueOf } from '../../fixtures/seed';

/** A driver that, like a worker, makes the guard's check and the transmit in one call; it counts what it is asked. */
class OneCallGuardedDriver extends ForwardingDriver implements GuardedTransmitter {
  readonly calls: string[] = [];

  transmitGuarded(
    handle: HandleId,
    protocol: number,
    command: Uint8Array,
    receiveLength: number | undefined,
    check: TransmitCheck,
  ): Promise<GuardedTransmitResult> {
    this.calls.push(`transmitGuarded:${check.signal}`);
    return transmitGuardedCallByCall(this.inner, handle, protocol, command, receiveLength, check);
  }

  override status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    this.calls.push('status');
    return super.status(handle);
  }

  override transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    this.calls.push('transmit');
    return super.transmit(handle, protocol, command, receiveLength);
  }
}

async function guarded(signal: GuardSignal): Promise<{ below: OneCallGuardedDriver; guard: PcscDriver; handle: number; removeAndReinsert: () => void }> {
  const sim = new SimulatedPcsc({ idlePowerOffMs: false });
  const slot = sim.addReader('Reader');
  slot.insert(seedTestApplet());
  const below = new OneCallGuardedDriver(sim.driver());
  const guard = new MissedResetGuard(below, () => undefined, { signal, confidence: 'low', reason: 'test' });
  const context = valueOf(await guard.establishContext());
  const { handle } = valueOf(await guard.connect(context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY));
  const removeAndReinsert = (): void => {
    slot.remove();
    slot.insert(seedTestApplet());
  };
  return { below, guard, handle, removeAndReinsert };
}

describe('MissedResetGuard over a driver that makes the check and the transmit in one call', () => {
  it.each(['status', 'event-counter'] as const)('asks it once per command with the %s signal, not call by call', async (signal) => {
    const { below, guard, handle } = await guarded(signal);
    below.calls.length = 0;
    expect((await guard.transmit(handle, 2, SELECT_BYTES)).rc).toBe(rc.SCARD_S_SUCCESS);
    expect(below.calls).toEqual([`transmitGuarded:${signal}`]);
  });

  it('keeps the event counter refusal until the handle reconnects, as the separate calls did', async () => {
    const { below, guard, handle, removeAndReinsert } = await guarded('event-counter');
    removeAndReinsert();
    below.calls.length = 0;
    expect((await guard.transmit(handle, 2, SELECT_BYTES)).rc).toBe(rc.SCARD_W_RESET_CARD);
    expect((await guard.transmit(handle, 2, SELECT_BYTES)).rc).toBe(rc.SCARD_W_RESET_CARD);
    // The second refusal is remembered: the driver below is not asked again, and never transmits.
    expect(below.calls).toEqual(['transmitGuarded:event-counter']);
    expect((await guard.reconnect(handle, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY, 0)).rc).toBe(rc.SCARD_S_SUCCESS);
    expect((await guard.transmit(handle, 2, SELECT_BYTES)).rc).toBe(rc.SCARD_S_SUCCESS);
  });

  it('refuses with the status signal after a removal and reinsertion, without transmitting', async () => {
    const { below, guard, handle, removeAndReinsert } = await guarded('status');
    removeAndReinsert();
    below.calls.length = 0;
    const outcome = await guard.transmit(handle, 2, SELECT_BYTES);
    expect([rc.SCARD_W_RESET_CARD, rc.SCARD_W_REMOVED_CARD]).toContain(outcome.rc);
    expect(below.calls).toEqual(['transmitGuarded:status']);
  });
});

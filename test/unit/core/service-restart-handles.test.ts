import { Pcsc } from '../../../src/compose/pcsc';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import type { ConnectResult, ContextId, HandleId, Outcome } from '../../../src/driver/pcsc-driver';
import { fail } from '../../../src/driver/pcsc-driver';
import { SCARD_W_SECURITY_VIOLATION } from '../../../src/driver/return-codes';
import { NoServiceError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard, SELECT } from '../simulator/simulator-fixtures';

const READER = 'Reader A 00 00';

/**
 * What pcscd answers after a restart for a handle an earlier instance made: it belongs to no
 * client of the new daemon, so SCARD_W_SECURITY_VIOLATION, not a service-loss code.
 */
class RestartedDaemonDriver extends ForwardingDriver {
  private readonly before = new Set<HandleId>();
  restarted = false;

  override async connect(context: ContextId, reader: string, shareMode: number, protocols: number): Promise<Outcome<ConnectResult>> {
    const outcome = await this.inner.connect(context, reader, shareMode, protocols);
    if (outcome.ok && !this.restarted) this.before.add(outcome.value.handle);
    return outcome;
  }

  override async transmit(handle: HandleId, protocol: number, command: Uint8Array): Promise<Outcome<Uint8Array>> {
    if (this.restarted && this.before.has(handle)) return fail(SCARD_W_SECURITY_VIOLATION);
    return this.inner.transmit(handle, protocol, command);
  }
}

describe('a handle made before the PC/SC service restarted', () => {
  it('is dead whatever code the first call returns (here SCARD_W_SECURITY_VIOLATION), and reconnect() revives it', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtual = appletCard();
    sim.addReader('Reader A').insert(virtual);
    const driver = new RestartedDaemonDriver(sim.driver());
    const pcsc = await Pcsc.open({ driver });
    try {
      const card = await pcsc.connect(READER);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
      sim.stopService();
      sim.startService();
      driver.restarted = true;
      const sent = virtual.commandCount;

      const first = await card.transmit(SELECT).catch((error: unknown) => error);
      expect(first).toBeInstanceOf(NoServiceError);
      expect((first as Error).message).toContain('SCARD_W_SECURITY_VIOLATION');
      expect(card.isAlive).toBe(false);
      for (let i = 0; i < 3; i += 1) await expect(card.transmit(SELECT)).rejects.toBeInstanceOf(NoServiceError);
      expect(virtual.commandCount).toBe(sent);

      await card.reconnect();
      expect(card.isAlive).toBe(true);
      expect((await card.transmit(SELECT)).sw).toBe(0x9000);
    } finally {
      await pcsc.close();
    }
  });
});

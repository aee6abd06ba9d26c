import { chooseAutoDriver } from '../../../src/compose/select-driver';
import type { DriverBinding, DriverBindings } from '../../../src/compose/driver-bindings';
import { Pcsc } from '../../../src/compose/pcsc';
import { FULL_CAPABILITIES, type PcscDriver } from '../../../src/driver/pcsc-driver';
import { resolveQuirkProfile } from '../../../src/quirks';
import { SimulatedPcsc } from '../../../src/testing';

const DEBIAN = resolveQuirkProfile('auto', { os: 'linux', release: '6.1.0' });

function working(name: string): DriverBinding {
  return {
    capabilities: FULL_CAPABILITIES,
    probe: () => undefined,
    create: () => ({ name, platform: { os: 'linux', release: '6.1.0' }, capabilities: FULL_CAPABILITIES }) as unknown as PcscDriver,
  };
}

function refusing(reason: string): DriverBinding {
  return { capabilities: FULL_CAPABILITIES, probe: () => Promise.reject(new Error(reason)), create: () => Promise.reject(new Error(reason)) };
}

describe('which driver was chosen, and why', () => {
  it("'auto' names the driver it took, the order, and each driver it passed over with the reason", async () => {
    const bindings: DriverBindings = {
      pcscd: refusing('pcscd does not answer on /run/pcscd/pcscd.comm'),
      winscard: working('winscard'),
      smartcard: working('smartcard'),
      pcsclite: working('pcsclite'),
    };
    const { selection } = await chooseAutoDriver(DEBIAN, bindings);
    expect(selection.name).toBe('winscard');
    expect(selection.reason).toBe("the first that works here in the 'auto' order on linux: pcscd, winscard, smartcard, pcsclite");
    expect(selection.tried).toEqual([{ name: 'pcscd', reason: 'pcscd does not answer on /run/pcscd/pcscd.comm' }]);
  });

  it("'auto' that takes its first choice passed over nothing", async () => {
    const bindings: DriverBindings = { pcscd: working('pcscd'), winscard: working('winscard'), smartcard: working('smartcard'), pcsclite: working('pcsclite') };
    const { selection } = await chooseAutoDriver(DEBIAN, bindings);
    expect(selection).toEqual({ name: 'pcscd', reason: expect.stringContaining("'auto' order on linux") as string, tried: [] });
  });

  it('a Pcsc opened on a driver object says so through driverSelection', async () => {
    const sim = new SimulatedPcsc({ personality: 'linux' });
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      expect(pcsc).toBeInstanceOf(Pcsc);
      expect(pcsc.driverSelection).toEqual({ name: pcsc.driverName, reason: 'a driver object was passed as `driver`', tried: [] });
    } finally {
      await pcsc.close();
    }
  });
});

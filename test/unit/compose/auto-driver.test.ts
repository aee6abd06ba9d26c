import { selectAutoDriver } from '../../../src/compose/select-driver';
import type { DriverBinding, DriverBindings } from '../../../src/compose/driver-bindings';
import { FULL_CAPABILITIES, type DriverPlatform, type PcscDriver } from '../../../src/driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_E_NO_SERVICE, SCARD_S_SUCCESS } from '../../../src/driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { resolveQuirkProfile } from '../../../src/quirks';
import { SimulatedPcsc } from '../../../src/simulator';
import { VirtualCard } from '../../../src/testing';

const DEBIAN: DriverPlatform = { os: 'linux', release: '6.1.0' };
const READER = 'Reader 00 00';

/** A driver renamed as the binding it stands for, counting its disposals. */
function named(driver: PcscDriver, name: string, disposed: string[]): PcscDriver {
  return new Proxy(driver, {
    get(target, key, receiver) {
      if (key === 'name') return name;
      if (key === 'dispose')
        return async () => {
          disposed.push(name);
          await target.dispose();
        };
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** 'pcscd' answers only once `daemon.up` is set; 'winscard' is a client of a service that is down. */
function world(): { bindings: DriverBindings; daemon: { up: boolean }; disposed: string[] } {
  const daemon = { up: false };
  const disposed: string[] = [];
  const real = new SimulatedPcsc();
  real.addReader(READER).insert(new VirtualCard({ atr: '3B 80 80 01 01 01', respond: () => '90 00' }));
  const fallback = new SimulatedPcsc();
  fallback.stopService();
  const entry = (probe: () => void, create: () => PcscDriver): DriverBinding => ({ capabilities: FULL_CAPABILITIES, probe, create });
  const unavailable = (): never => {
    throw new Error('not installed');
  };
  return {
    daemon,
    disposed,
    bindings: {
      pcscd: entry(
        () => {
          if (!daemon.up) throw new Error('nothing answers on the socket');
        },
        () => named(real.driver(), 'pcscd', disposed),
      ),
      winscard: entry(
        () => undefined,
        () => named(fallback.driver(), 'winscard', disposed),
      ),
      smartcard: entry(unavailable, unavailable),
      pcsclite: entry(unavailable, unavailable),
    },
  };
}

describe("driver 'auto' when it had to pass over a better driver", () => {
  it('asks it again while the service is down, and moves to it once it works', async () => {
    const { bindings, daemon, disposed } = world();
    const driver = await selectAutoDriver(resolveQuirkProfile('none', DEBIAN, undefined), bindings);
    expect(driver.name).toBe('winscard');
    const down = await driver.establishContext();
    expect(down.ok ? 'established' : down.rc).toBe(SCARD_E_NO_SERVICE);

    daemon.up = true;
    const context = await driver.establishContext();
    if (!context.ok) throw new Error(`establish: ${context.rc}`);
    expect(driver.name).toBe('pcscd');
    // The driver passed over had nothing open any more: it is gone at once.
    expect(disposed).toEqual(['winscard']);
    const connected = await driver.connect(context.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!connected.ok) throw new Error(`connect: ${connected.rc}`);
    const answer = await driver.transmit(connected.value.handle, connected.value.protocol, Uint8Array.of(0x00, 0xa4, 0x04, 0x00));
    expect(answer.ok && Array.from(answer.value)).toEqual([0x90, 0x00]);
    expect(await driver.disconnect(connected.value.handle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    expect(await driver.releaseContext(context.value)).toBe(SCARD_S_SUCCESS);
    expect(await driver.listReaders(context.value)).toEqual({ ok: false, rc: SCARD_E_INVALID_HANDLE });
    await driver.dispose();
    expect(disposed).toEqual(['winscard', 'pcscd']);
  });

  it('stays with a driver that serves, and keeps ids of the old one on the old one', async () => {
    const { bindings, daemon, disposed } = world();
    const fallback = new SimulatedPcsc();
    fallback.addReader(READER);
    const serving: DriverBindings = { ...bindings, winscard: { ...bindings.winscard, create: () => named(fallback.driver(), 'winscard', disposed) } };
    const driver = await selectAutoDriver(resolveQuirkProfile('none', DEBIAN, undefined), serving);
    const first = await driver.establishContext();
    if (!first.ok) throw new Error(`establish: ${first.rc}`);
    daemon.up = true;
    // The service answers the driver in use: no reason to choose again.
    const second = await driver.establishContext();
    expect(second.ok).toBe(true);
    expect(driver.name).toBe('winscard');

    fallback.stopService();
    expect((await driver.listReaders(first.value)).ok).toBe(false);
    const lost = await driver.establishContext();
    expect(lost.ok ? 'established' : lost.rc).toBe(SCARD_E_NO_SERVICE);
    const restored = await driver.establishContext();
    expect(restored.ok).toBe(true);
    expect(driver.name).toBe('pcscd');
    // The old driver still has contexts open: it stays until they are released.
    expect(disposed).toEqual([]);
    await driver.releaseContext(first.value);
    if (second.ok) await driver.releaseContext(second.value);
    expect(disposed).toEqual(['winscard']);
    await driver.dispose();
  });

  it('asks again when the service came up after the better driver was asked, while the fallback made its context', async () => {
    const { bindings, daemon, disposed } = world();
    const fallback = new SimulatedPcsc();
    fallback.addReader(READER);
    fallback.stopService();
    // The daemon comes up while the fallback's second establish is on its way (after 'pcscd' was asked).
    let establishes = 0;
    const comingUp: DriverBindings = {
      ...bindings,
      winscard: {
        ...bindings.winscard,
        create: () => {
          const inner = named(fallback.driver(), 'winscard', disposed);
          return new Proxy(inner, {
            get(target, key, receiver) {
              if (key !== 'establishContext') return Reflect.get(target, key, receiver) as unknown;
              return async () => {
                establishes += 1;
                if (establishes === 2) {
                  daemon.up = true;
                  fallback.startService();
                }
                return target.establishContext();
              };
            },
          });
        },
      },
    };
    const driver = await selectAutoDriver(resolveQuirkProfile('none', DEBIAN, undefined), comingUp);
    expect(driver.name).toBe('winscard');
    const down = await driver.establishContext();
    expect(down.ok ? 'established' : down.rc).toBe(SCARD_E_NO_SERVICE);
    const context = await driver.establishContext();
    if (!context.ok) throw new Error(`establish: ${context.rc}`);
    expect(driver.name).toBe('pcscd');
    expect((await driver.listReaders(context.value)).ok).toBe(true);
    expect(disposed).toEqual(['winscard']);
    await driver.releaseContext(context.value);
    await driver.dispose();
  });
});

import { ReaderArrayFallover, withReaderArrayFallover } from '../../../src/adapters/reader-array-fallover';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import { fail, type Outcome, type PcscDriver } from '../../../src/driver/pcsc-driver';
import * as rc from '../../../src/driver/return-codes';
import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { SimulatedPcsc, seedTestApplet } from '../../../src/testing';
import { SELECT_BYTES } from '../../fixtures/seed';

/** A libpcsclite driver (by name) over a simulator, whose listings fail like libpcsclite 2.5.x's once `broken`. */
class StuckArrayLibrary extends ForwardingDriver {
  broken = false;
  constructor(
    inner: PcscDriver,
    private readonly libraryName: string,
    private readonly failure: number,
  ) {
    super(inner);
  }
  override get name(): string {
    return this.libraryName;
  }
  override listReaders(context: number): Promise<Outcome<readonly string[]>> {
    return this.broken ? Promise.resolve(fail(this.failure)) : super.listReaders(context);
  }
}

function machine(): { sim: SimulatedPcsc } {
  const sim = new SimulatedPcsc({ idlePowerOffMs: false });
  sim.addReader('Reader A').insert(seedTestApplet());
  return { sim };
}

const established = async (driver: PcscDriver): Promise<number> => {
  const context = await driver.establishContext();
  if (!context.ok) throw new Error(`establish 0x${context.rc.toString(16)}`);
  return context.value;
};

describe('falling over from a libpcsclite driver to pcscd when the reader array is stuck', () => {
  it.each([
    ['winscard', rc.SCARD_E_UNSUPPORTED_FEATURE],
    ['smartcard', rc.SCARD_F_UNKNOWN_ERROR],
  ])("'%s': the failing listing is answered through the fallback, and later contexts and cards go there", async (name, failure) => {
    const { sim } = machine();
    const library = new StuckArrayLibrary(sim.driver(), name, failure);
    const fallback = sim.driver();
    const driver = new ReaderArrayFallover(library, () => fallback);
    const before = await established(driver);
    expect(await driver.listReaders(before)).toEqual({ ok: true, rc: 0, value: ['Reader A 00 00'] });
    library.broken = true;
    expect(await driver.listReaders(before)).toEqual({ ok: true, rc: 0, value: ['Reader A 00 00'] });
    expect(driver.usesFallback).toBe(true);
    const after = await established(driver);
    const card = await driver.connect(after, 'Reader A 00 00', SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
    expect(card.ok).toBe(true);
    const handle = card.ok ? card.value.handle : 0;
    expect((await driver.transmit(handle, card.value?.protocol ?? 0, SELECT_BYTES)).value).toEqual(Uint8Array.of(0x90, 0x00));
    expect(await driver.disconnect(handle, 0)).toBe(rc.SCARD_S_SUCCESS);
    expect(await driver.transmit(handle, 1, Uint8Array.of(0, 0, 0, 0))).toEqual(fail(rc.SCARD_E_INVALID_HANDLE));
    expect(await driver.releaseContext(after)).toBe(rc.SCARD_S_SUCCESS);
    expect(await driver.releaseContext(after)).toBe(rc.SCARD_E_INVALID_HANDLE);
    await driver.dispose();
  });

  it('an unknown error from a driver other than smartcard is passed on; so is the failure while pcscd cannot be reached', async () => {
    const { sim } = machine();
    const library = new StuckArrayLibrary(sim.driver(), 'winscard', rc.SCARD_F_UNKNOWN_ERROR);
    const driver = new ReaderArrayFallover(library, () => sim.driver());
    const context = await established(driver);
    library.broken = true;
    expect(await driver.listReaders(context)).toEqual(fail(rc.SCARD_F_UNKNOWN_ERROR));

    const other = machine().sim;
    const stuck = new StuckArrayLibrary(other.driver(), 'pcsclite', rc.SCARD_E_UNSUPPORTED_FEATURE);
    const down = new SimulatedPcsc({ idlePowerOffMs: false });
    down.stopService();
    const unreachable = new ReaderArrayFallover(stuck, () => down.driver());
    const mine = await established(unreachable);
    stuck.broken = true;
    expect(await unreachable.listReaders(mine)).toEqual(fail(rc.SCARD_E_UNSUPPORTED_FEATURE));
    expect(unreachable.usesFallback).toBe(false);
    await driver.dispose();
    await unreachable.dispose();
  });

  it('wraps only the libpcsclite drivers on Linux', () => {
    const { sim } = machine();
    const named = (name: string, os: 'linux' | 'darwin' | 'win32'): PcscDriver =>
      new (class extends ForwardingDriver {
        override get name(): string {
          return name;
        }
        override get platform() {
          return { os, release: '1' };
        }
      })(sim.driver());
    expect(withReaderArrayFallover(named('winscard', 'linux'))).toBeInstanceOf(ReaderArrayFallover);
    expect(withReaderArrayFallover(named('pcsclite', 'linux'))).toBeInstanceOf(ReaderArrayFallover);
    expect(withReaderArrayFallover(named('pcscd', 'linux'))).not.toBeInstanceOf(ReaderArrayFallover);
    expect(withReaderArrayFallover(named('winscard', 'win32'))).not.toBeInstanceOf(ReaderArrayFallover);
    expect(withReaderArrayFallover(named('winscard', 'darwin'))).not.toBeInstanceOf(ReaderArrayFallover);
  });
});

import { NativePcscliteDriver } from '../../../../src/adapters/pcsclite/native-pcsclite-driver';
import type { NativeCallback, NativeCardReader, NativePcscLite, PcscliteAddon } from '../../../../src/adapters/pcsclite/native-types';
import { SCARD_S_SUCCESS } from '../../../../src/driver/return-codes';
import { COMMAND_BYTES } from '../../../fixtures/seed';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';

const READER = 'Fake Reader 00 00';

/** A stand-in for the `pcsclite` addon whose transmits wait until the test answers them. */
function fakeAddon(): { addon: PcscliteAddon; readers: FakeCardReader[] } {
  const readers: FakeCardReader[] = [];
  class FakePcscLite implements NativePcscLite {
    start(callback: NativeCallback<Buffer>): void {
      setImmediate(() => callback(undefined, Buffer.from(`${READER}\0\0`)));
    }
    close(): number {
      return 0;
    }
  }
  class Reader extends FakeCardReader {
    constructor(name: string) {
      super(name);
      readers.push(this);
    }
  }
  return { addon: { PCSCLite: FakePcscLite, CardReader: Reader }, readers };
}

class FakeCardReader implements NativeCardReader {
  readonly pendingTransmits: Array<NativeCallback<Buffer>> = [];
  constructor(readonly name: string) {}
  get_status(callback: (error: Error | undefined | null, state?: number, atr?: Buffer) => void): void {
    setImmediate(() => callback(undefined, 0x22, Buffer.alloc(0)));
  }
  _connect(_shareMode: number, protocols: number, callback: NativeCallback<number>): void {
    setImmediate(() => callback(null, protocols));
  }
  _disconnect(_disposition: number, callback: NativeCallback<void>): void {
    setImmediate(() => callback(null));
  }
  _transmit(_data: Buffer, _max: number, _protocol: number, callback: NativeCallback<Buffer>): void {
    this.pendingTransmits.push(callback);
  }
  _control(): void {
    throw new Error('not used');
  }
  close(): number {
    return 0;
  }
  once(): void {
    // the status thread of this fake never ends by itself
  }
}

describe('pcsclite adapter: one native card handle per connection at a time', () => {
  it('does not hand a native object to a new connection while a call of the previous one is still queued on it', async () => {
    const { addon, readers } = fakeAddon();
    const driver = new NativePcscliteDriver(addon);
    const established = await driver.establishContext();
    if (!established.ok) throw new Error('establish failed');
    const first = await driver.connect(established.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!first.ok) throw new Error('connect failed');
    const late = driver.transmit(first.value.handle, SCARD_PROTOCOL_T1, Uint8Array.of(0x00, 0xa4, 0x04, 0x00));
    expect(await driver.disconnect(first.value.handle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    const stuckObject = readers.find((reader) => reader.pendingTransmits.length > 0);

    const second = await driver.connect(established.value, READER, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    if (!second.ok) throw new Error('connect failed');
    void driver.transmit(second.value.handle, SCARD_PROTOCOL_T1, COMMAND_BYTES);
    const secondObject = readers.find((reader) => reader !== stuckObject && reader.pendingTransmits.length > 0);

    expect(stuckObject).toBeDefined();
    expect(secondObject).toBeDefined();
    expect(stuckObject?.pendingTransmits).toHaveLength(1);
    stuckObject?.pendingTransmits[0]?.(null, Buffer.from([0x90, 0x00]));
    expect((await late).ok).toBe(true);
    await driver.dispose();
  });
});

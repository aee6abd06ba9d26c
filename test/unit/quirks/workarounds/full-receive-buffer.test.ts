import { SCARD_E_INSUFFICIENT_BUFFER, SCARD_S_SUCCESS } from '../../../../src/driver/return-codes';
import { SCARD_PROTOCOL_ANY, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import { FullReceiveBuffer } from '../../../../src/quirks/workarounds/full-receive-buffer';
import { SimulatedPcsc } from '../../../../src/simulator';
import { VirtualCard } from '../../../../src/testing/virtual-card';
import { valueOf } from '../../../fixtures/seed';

const READ_BINARY = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00);

async function connectedOnSierra(answerLength: number) {
  const sim = new SimulatedPcsc({ personality: 'darwin-16', idlePowerOffMs: false });
  const answer = `${'55 '.repeat(answerLength)}90 00`;
  sim.addReader('Reader').insert(new VirtualCard({ atr: '3B 80 80 01 01 01', respond: () => answer }));
  const driver = new FullReceiveBuffer(sim.driver());
  const context = valueOf(await driver.establishContext());
  const [reader = ''] = valueOf(await driver.listReaders(context));
  const connected = await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
  return { driver, handle: valueOf(connected).handle, protocol: valueOf(connected).protocol };
}

describe('FullReceiveBuffer', () => {
  it('refuses an answer longer than the caller asked for instead of cutting it short', async () => {
    const { driver, handle, protocol } = await connectedOnSierra(40);
    expect((await driver.transmit(handle, protocol, READ_BINARY, 20)).rc).toBe(SCARD_E_INSUFFICIENT_BUFFER);
  });

  it('passes an answer that fits, whole', async () => {
    const { driver, handle, protocol } = await connectedOnSierra(40);
    const outcome = await driver.transmit(handle, protocol, READ_BINARY, 42);
    expect(outcome.rc).toBe(SCARD_S_SUCCESS);
    expect(outcome.value?.length).toBe(42);
  });

  it('holds a short command to the 258 bytes it allows, as pcsc-lite does', async () => {
    const { driver, handle, protocol } = await connectedOnSierra(256);
    expect((await driver.transmit(handle, protocol, READ_BINARY)).value?.length).toBe(258);
    const tooLong = await connectedOnSierra(257);
    expect((await tooLong.driver.transmit(tooLong.handle, tooLong.protocol, READ_BINARY)).rc).toBe(SCARD_E_INSUFFICIENT_BUFFER);
  });
});

import {
  SCARD_E_INSUFFICIENT_BUFFER,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_S_SUCCESS,
} from '../../../src/driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_DIRECT } from '../../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../../src/testing';
import { COMMAND, SELECT, bench, connectShared, hex, openApplication, statusWord, valueOf } from './simulator-fixtures';

describe('simulated SCardTransmit', () => {
  it('delivers commands to the card and returns its answers', async () => {
    const { app1, slot, card } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    expect(statusWord(await app1.driver.transmit(handle, protocol, COMMAND))).toBe('69 85');
    expect(statusWord(await app1.driver.transmit(handle, protocol, SELECT))).toBe('90 00');
    const answer = await app1.driver.transmit(handle, protocol, COMMAND);
    expect(hex(answer.value)).toBe('00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 90 00');
    expect(card.log.map((entry) => hex(entry.command))).toEqual([hex(COMMAND), hex(SELECT), hex(COMMAND)]);
  });

  it('answers SCARD_E_PROTO_MISMATCH for a protocol other than the negotiated one', async () => {
    const { app1, slot, card } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    expect(protocol).toBe(SCARD_PROTOCOL_T1);
    expect((await app1.driver.transmit(handle, SCARD_PROTOCOL_T0, SELECT)).rc).toBe(SCARD_E_PROTO_MISMATCH);
    expect(card.log).toHaveLength(0);
  });

  it('answers SCARD_E_NO_SMARTCARD to a DIRECT handle on an empty reader', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Reader');
    const app = await openApplication(sim);
    const { handle } = valueOf(await app.driver.connect(app.context, slot.name, SCARD_SHARE_DIRECT, 0));
    expect((await app.driver.transmit(handle, SCARD_PROTOCOL_T1, SELECT)).rc).toBe(SCARD_E_NO_SMARTCARD);
  });

  it('refuses commands larger than pcsc-lite buffers and unknown handles', async () => {
    const { app1, slot } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    expect((await app1.driver.transmit(handle, protocol, new Uint8Array(70000))).rc).toBe(SCARD_E_INSUFFICIENT_BUFFER);
    expect((await app1.driver.transmit(handle + 1000, protocol, SELECT)).rc).toBe(SCARD_E_INVALID_HANDLE);
    await app1.driver.disconnect(handle, SCARD_LEAVE_CARD);
    expect((await app1.driver.transmit(handle, protocol, SELECT)).rc).toBe(SCARD_E_INVALID_HANDLE);
  });

  it('hands out copies: changing an answer does not change the card log', async () => {
    const { app1, slot, card } = await bench();
    const { handle, protocol } = await connectShared(app1, slot.name);
    const answer = valueOf(await app1.driver.transmit(handle, protocol, SELECT));
    answer[0] = 0x00;
    expect(hex(card.log[0]?.response)).toBe('90 00');
  });
});

describe('simulated SCardControl', () => {
  it('answers SCARD_E_UNSUPPORTED_FEATURE when the reader has no control handler', async () => {
    const { app1, slot } = await bench();
    const { handle } = await connectShared(app1, slot.name);
    expect((await app1.driver.control(handle, 0x42000d48, new Uint8Array(0))).rc).toBe(SCARD_E_UNSUPPORTED_FEATURE);
  });

  it('passes control codes to the reader handler, even without a card', async () => {
    const sim = new SimulatedPcsc();
    const seen: number[] = [];
    const slot = sim.addReader('Pinpad Reader', {
      control: (code, data) => {
        seen.push(code, data.length);
        return code === 0x42000d48 ? Uint8Array.of(0x12, 0x04, 0x42, 0x33, 0x00, 0x12) : undefined;
      },
    });
    const app = await openApplication(sim);
    const { handle } = valueOf(await app.driver.connect(app.context, slot.name, SCARD_SHARE_DIRECT, 0));
    const features = await app.driver.control(handle, 0x42000d48, Uint8Array.of(1, 2));
    expect(features.rc).toBe(SCARD_S_SUCCESS);
    expect(hex(features.value)).toBe('12 04 42 33 00 12');
    expect((await app.driver.control(handle, 0x42000001, new Uint8Array(0))).rc).toBe(SCARD_E_UNSUPPORTED_FEATURE);
    expect(seen).toEqual([0x42000d48, 2, 0x42000001, 0]);
  });
});

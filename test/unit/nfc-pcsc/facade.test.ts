import {
  ACR122Reader,
  AuthenticationError,
  CONNECT_MODE_DIRECT,
  KEY_TYPE_A,
  KEY_TYPE_B,
  NFC,
  OPERATION_FAILED,
  ReadError,
  TAG_ISO_14443_3,
  TAG_ISO_14443_4,
  WriteError,
  type NfcCard,
  type Reader,
} from '../../../src/nfc-pcsc';
import { TagAuthenticationError } from '../../../src/nfc';
import { Card } from '../../../src/core/card';
import { SimulatedPcsc, acr122uReader, virtualMifareClassic, virtualPhone, virtualType2Tag, type SimulatedReaderSlot } from '../../../src/testing';

function once<T>(emitter: { once(event: string, fn: (value: T) => void): unknown }, event: string): Promise<T> {
  return new Promise((resolve) => emitter.once(event, resolve));
}

async function setUp(
  readerName = 'ACS ACR122U PICC Interface',
): Promise<{ nfc: NFC; reader: Reader; slot: SimulatedReaderSlot; sim: SimulatedPcsc; acr: ReturnType<typeof acr122uReader> }> {
  const sim = new SimulatedPcsc();
  const acr = acr122uReader();
  const slot = sim.addReader(readerName, acr.options);
  const nfc = new NFC(undefined, { driver: sim.driver() });
  const reader = await once<Reader>(nfc, 'reader');
  return { nfc, reader, slot, sim, acr };
}

describe('nfc-pcsc facade on the simulator', () => {
  let nfc: NFC | undefined;
  afterEach(() => nfc?.close());

  it('emits reader, card (uid, atr, standard) and card.off for an NTAG, and an ACR122Reader for an ACR122U', async () => {
    const setup = await setUp();
    nfc = setup.nfc;
    expect(setup.reader).toBeInstanceOf(ACR122Reader);
    expect(setup.reader.name).toBe('ACS ACR122U PICC Interface 00 00');
    const cardEvent = once<NfcCard>(setup.reader, 'card');
    setup.slot.insert(virtualType2Tag('ntag215'));
    const card = await cardEvent;
    expect(card).toMatchObject({ uid: '04112233445566', standard: TAG_ISO_14443_3, type: TAG_ISO_14443_3 });
    const off = once<NfcCard>(setup.reader, 'card.off');
    setup.slot.remove();
    expect((await off).uid).toBe('04112233445566');
  });

  it("reads and writes pages with nfc-pcsc's chunking", async () => {
    const setup = await setUp();
    nfc = setup.nfc;
    const tag = virtualType2Tag('ntag213');
    const cardEvent = once<NfcCard>(setup.reader, 'card');
    setup.slot.insert(tag);
    await cardEvent;
    await setup.reader.write(4, Buffer.from('0102030405060708', 'hex'));
    expect((await setup.reader.read(4, 20)).toString('hex')).toBe('0102030405060708' + '0000000000000000' + '00000000');
    const error = await setup.reader.read(60, 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect(error).toMatchObject({ code: OPERATION_FAILED, message: 'Read operation failed: Status code: 0x6300' });
    await expect(setup.reader.write(4, Buffer.from('01', 'hex'))).rejects.toThrow(WriteError);
  });

  it('sends a multi-packet read as one batch, with the same bytes and the same first error as one READ BINARY after another', async () => {
    const setup = await setUp();
    nfc = setup.nfc;
    const tag = virtualType2Tag('ntag215');
    const cardEvent = once<NfcCard>(setup.reader, 'card');
    setup.slot.insert(tag);
    await cardEvent;
    const batch = jest.spyOn(Card.prototype, 'transmitBatch');
    const single = jest.spyOn(Card.prototype, 'transmit');
    try {
      const whole = await setup.reader.read(0, 540);
      expect(Buffer.compare(whole, Buffer.from(tag.chip.memory))).toBe(0);
      expect(batch).toHaveBeenCalledTimes(1);
      expect(batch.mock.calls[0]?.[0]).toHaveLength(34);
      expect(single).not.toHaveBeenCalled();
      // Pages 132-135 roll over; page 136 is past the end: the third READ BINARY fails.
      const error = await setup.reader.read(128, 48).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReadError);
      expect(error).toMatchObject({ code: OPERATION_FAILED, message: 'Read operation failed: Status code: 0x6300' });
      expect((error as ReadError).previous).toMatchObject({ command: 'READ BINARY block 136' });
    } finally {
      batch.mockRestore();
      single.mockRestore();
    }
  });

  it('authenticates MIFARE Classic with hex-string keys and names a wrong key', async () => {
    const setup = await setUp();
    nfc = setup.nfc;
    const cardEvent = once<NfcCard>(setup.reader, 'card');
    setup.slot.insert(virtualMifareClassic());
    await cardEvent;
    await setup.reader.authenticate(4, KEY_TYPE_A, 'ffffffffffff');
    expect((await setup.reader.read(4, 16, 16)).length).toBe(16);
    const error = await setup.reader.authenticate(8, KEY_TYPE_B, '000000000000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe('Authentication operation failed: Status code: 0x6300');
    expect((error as AuthenticationError).previous).toBeInstanceOf(TagAuthenticationError);
  });

  it('sends no SELECT to a phone when no AID is set, and reports 6A 82 without crashing when one is', async () => {
    const setup = await setUp('Generic Reader');
    nfc = setup.nfc;
    const phone = virtualPhone();
    const cardEvent = once<NfcCard>(setup.reader, 'card');
    setup.slot.insert(phone);
    expect(await cardEvent).toMatchObject({ standard: TAG_ISO_14443_4, uid: '085a1c7e' });
    expect(phone.chip.received).toEqual([]);
    const off = once(setup.reader, 'card.off');
    setup.slot.remove();
    await off;
    setup.reader.aid = 'F222222222';
    const errors: Error[] = [];
    setup.reader.on('error', (error) => errors.push(error));
    const errorEvent = once<Error>(setup.reader, 'error');
    setup.slot.insert(virtualPhone());
    expect((await errorEvent).message).toBe('Not found response. Tag not compatible with AID F222222222.');
    expect(errors).toHaveLength(1);
  });

  it('hands an automatic-processing failure to the logger when nobody listens for errors', async () => {
    const sim = new SimulatedPcsc();
    const slot = sim.addReader('Generic Reader');
    const logged: unknown[][] = [];
    const logger = {
      log: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (...args: unknown[]) => void logged.push(args),
    };
    nfc = new NFC(logger, { driver: sim.driver() });
    const reader = await once<Reader>(nfc, 'reader');
    reader.aid = 'F222222222';
    slot.insert(virtualPhone());
    for (let i = 0; i < 100 && logged.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(String(logged[0]?.[0])).toContain('Not found response');
  });

  it('drives the ACR122U LED and buzzer through a direct connection without a card', async () => {
    const setup = await setUp();
    nfc = setup.nfc;
    const reader = setup.reader as ACR122Reader;
    await reader.connect(CONNECT_MODE_DIRECT);
    await reader.setBuzzerOutput(false);
    await reader.led(0b00101110, [0x01, 0x00, 0x01, 0x01]);
    await reader.disconnect();
    expect(setup.acr.extras).toMatchObject({ buzzerOnDetection: false, led: 0x02, buzzer: 1, ledCommands: 1 });
  });

  it('emits end when the reader is unplugged, and lists a reader and card present at start', async () => {
    const sim = new SimulatedPcsc();
    sim.addReader('Present Reader').insert(virtualType2Tag('ntag216'));
    nfc = new NFC(undefined, { driver: sim.driver() });
    const reader = await once<Reader>(nfc, 'reader');
    expect((await once<NfcCard>(reader, 'card')).uid).toBe('04112233445566');
    expect(Object.keys(nfc.readers)).toEqual(['Present Reader 00 00']);
    const end = once(reader, 'end');
    sim.removeReader('Present Reader 00 00');
    await end;
  });
});

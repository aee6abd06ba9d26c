import { Pcsc } from '../../../../src';
import { EscapeDisabledError, ReaderEscape, scardCtlCode, ledBuzzerCommand } from '../../../../src/nfc';
import { SimulatedPcsc, acr122uReader, virtualType2Tag } from '../../../../src/testing';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('reader escape commands', () => {
  it('computes SCARD_CTL_CODE(3500) for pcsc-lite and Windows', () => {
    expect(scardCtlCode(3500, 'pcsc-lite')).toBe(0x42000dac);
    expect(scardCtlCode(3500, 'windows')).toBe(0x003136b0);
  });

  it('builds the ACR122U LED/buzzer command', () => {
    expect(hex(ledBuzzerCommand({ red: true, blinkGreen: true, onMs: 500, offMs: 500, repeat: 2, buzzer: 't1' }))).toBe('ff0040ad0405050201');
  });

  it('drives LED, buzzer, firmware and PICC parameter through SCardControl on a direct connection with no card', async () => {
    const sim = new SimulatedPcsc();
    const acr = acr122uReader();
    sim.addReader(acr.name, acr.options);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const [reader] = await pcsc.listReaders();
      const direct = await pcsc.connect(reader!.name, { share: 'direct', protocols: [] });
      const escape = new ReaderEscape(direct, { style: 'pcsc-lite' });
      expect(await escape.firmwareVersion()).toBe('ACR122U215');
      expect(await escape.ledBuzzer({ green: true, buzzer: 'both', onMs: 100, offMs: 100, repeat: 1 })).toBe(0x02);
      expect(acr.extras).toMatchObject({ led: 0x02, buzzer: 3, ledCommands: 1 });
      expect(await escape.setPiccOperatingParameter(0x7f)).toBe(0x7f);
      await escape.setBuzzerOnDetection(false);
      expect(acr.extras).toMatchObject({ piccParameter: 0x7f, buzzerOnDetection: false });
    } finally {
      await pcsc.close();
    }
  });

  it('sends the same commands as pseudo-APDUs on a card connection', async () => {
    const sim = new SimulatedPcsc();
    const card = virtualType2Tag('ntag213');
    sim.addReader('ACS ACR122U PICC Interface').insert(card);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const connection = await pcsc.connect((await pcsc.listReaders())[0]!.name);
      const escape = new ReaderEscape(connection, { route: 'transmit' });
      expect(await escape.ledBuzzer({ red: true })).toBe(0x01);
      expect(card.extras.led).toBe(0x01);
      expect(hex(card.log[0]!.command)).toBe('ff00400d0400000000');
    } finally {
      await pcsc.close();
    }
  });

  it('says how to enable escape commands when the CCID driver refuses them', async () => {
    const sim = new SimulatedPcsc();
    const acr = acr122uReader({ escapeDisabled: true });
    sim.addReader(acr.name, acr.options);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    try {
      const direct = await pcsc.connect((await pcsc.listReaders())[0]!.name, { share: 'direct', protocols: [] });
      const error = await new ReaderEscape(direct, { style: 'pcsc-lite' }).firmwareVersion().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EscapeDisabledError);
      expect((error as Error).message).toContain('ifdDriverOptions');
      expect((error as Error).message).toContain('restart pcscd');
      const windows = await new ReaderEscape(direct, { style: 'windows' }).firmwareVersion().catch((e: unknown) => e);
      expect((windows as Error).message).toContain('EscapeCommandEnable');
    } finally {
      await pcsc.close();
    }
  });
});

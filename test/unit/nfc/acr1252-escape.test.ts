import { Pcsc } from '../../../src';
import { ACR1252_PROFILE, EscapeDisabledError, READER_PROFILES, ReaderEscape, TagCommandError, profileForReader } from '../../../src/nfc';
import { SimulatedPcsc, acr122uReader, acr1252uReader, ACR1252U_READER_NAME } from '../../../src/testing';

async function directEscape(name: string, options: Parameters<SimulatedPcsc['addReader']>[1]): Promise<{ escape: ReaderEscape; close: () => Promise<void> }> {
  const sim = new SimulatedPcsc();
  sim.addReader(name, options);
  const pcsc = await Pcsc.open({ driver: sim.driver() });
  const [reader] = await pcsc.listReaders();
  const direct = await pcsc.connect(reader!.name, { share: 'direct', protocols: [] });
  return { escape: new ReaderEscape(direct, { style: 'pcsc-lite' }), close: () => pcsc.close() };
}

describe('ACR1252U escape commands (E0 00 00 cmd framing)', () => {
  it('picks the ACR1252U profile from the reader name: ACS keys, E0 escapes, no PN532 pass-through', () => {
    for (const name of ['ACS ACR1252 1S CL Reader PICC 00 00', 'ACS ACR1255U-J1 PICC 00 00', 'ACS ACR1281 1S Dual Reader PICC 00 01']) {
      const profile = profileForReader(name);
      expect(profile).toBe(ACR1252_PROFILE);
      expect(profile).toMatchObject({ name: 'acs', keySlots: [0, 1], escapeFraming: 'acr1252' });
      expect(profile.passThrough).toBeUndefined();
    }
    expect(profileForReader('ACS ACR122U PICC Interface 00 00')).toMatchObject({ escapeFraming: 'acr122', passThrough: 'pn532' });
    expect(READER_PROFILES.acs.keyAddressing('B', 1)).toEqual(ACR1252_PROFILE.keyAddressing('B', 1));
  });

  it('reads the firmware, sets and reads LEDs, sounds the buzzer and changes the one-byte settings without a card', async () => {
    const acr = acr1252uReader();
    const { escape, close } = await directEscape(acr.name, acr.options);
    try {
      expect(await escape.acr1252FirmwareVersion()).toBe('ACR1252U_V201');
      expect(await escape.acr1252SetLeds({ green: true })).toBe(0x02);
      expect(await escape.acr1252LedState()).toBe(0x02);
      await escape.acr1252Buzzer(300);
      expect(acr.extras).toMatchObject({ led: 0x02, buzzerDuration: 30, ledCommands: 1 });
      expect(await escape.acr1252Setting('picc-types')).toBe(0x1f);
      expect(await escape.acr1252Setting('picc-types', 0x03)).toBe(0x03);
      expect(await escape.acr1252Setting('auto-picc-polling', 0x01)).toBe(0x01);
      expect(acr.extras).toMatchObject({ piccTypes: 0x03, autoPiccPolling: 0x01 });
      // The ACR122U-compatible LED/buzzer command works on it too.
      expect(await escape.ledBuzzer({ red: true })).toBe(0x01);
      await expect(escape.acr1252Buzzer(3000)).rejects.toThrow('a duration from 0 to 2,550 ms');
      await expect(escape.acr1252Setting('picc-types', 0x100)).rejects.toThrow('a byte');
    } finally {
      await close();
    }
    expect(ACR1252U_READER_NAME).toBe(acr.name);
  });

  it('makes an ACR122U answer to an E0 command a typed error, and escapes turned off an EscapeDisabledError', async () => {
    const old = acr122uReader();
    const a = await directEscape(old.name, old.options);
    try {
      const error = await a.escape.acr1252FirmwareVersion().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TagCommandError);
      expect((error as TagCommandError).sw).toBe(0x6a81);
    } finally {
      await a.close();
    }
    const off = acr1252uReader({ escapeDisabled: true });
    const b = await directEscape(off.name, off.options);
    try {
      await expect(b.escape.acr1252LedState()).rejects.toThrow(EscapeDisabledError);
    } finally {
      await b.close();
    }
  });
});

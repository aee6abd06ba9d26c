import type { ChipKeyType, TagChip } from './tag-chip';

/**
 * How a reader's firmware handles LOAD KEYS and GENERAL AUTHENTICATE:
 * - 'acs': ACR122U/ACR1252U — volatile slots 00–01 (`FF 82 00 slot`), failures 63 00, knows the obsolete `FF 88`.
 * - 'identiv': uTrust/SCL — `FF 82 00 60|61` (P2 = key type), authenticate with key number 01.
 * - 'omnikey': HID OMNIKEY — non-volatile slots (`FF 82 20 slot`, slots 00–1F); volatile loads answer 69 86.
 * - 'generic': Part 3 as written — volatile slots 00–01, no `FF 88` (6D 00).
 */
export type FirmwareStyle = 'acs' | 'identiv' | 'omnikey' | 'generic';

/** Reader-level state observable in tests (LED, buzzer, firmware text). */
export interface ReaderExtrasState {
  /** The LED state byte the last LED command left (b0 red, b1 green). */
  led: number;
  /** The last LED/buzzer command's buzzer link byte (0 off, 1 T1, 2 T2, 3 both). */
  buzzer: number;
  /** Beep on card detection (FF 00 52). */
  buzzerOnDetection: boolean;
  /** PICC operating parameter (FF 00 51). */
  piccParameter: number;
  /** Number of LED/buzzer commands received. */
  ledCommands: number;
}

/** Options of ReaderFirmware. */
export interface ReaderFirmwareOptions {
  /** Key handling style (default 'acs'). */
  readonly style?: FirmwareStyle;
  /** Firmware version text answered to `FF 00 48 00 00` (default 'ACR122U215'). */
  readonly firmwareVersion?: string;
  /**
   * Old ACR122U firmware (API 1.x): a direct transmit (`FF 00 00 00 Lc D4 …`) answers `61 xx`,
   * and the PN532 answer is fetched with GET RESPONSE `FF C0 00 00 xx`.
   */
  readonly responseBySw61?: boolean;
}

const SW_OK = [0x90, 0x00];

/** A fresh reader-extras state. */
export function newReaderExtrasState(): ReaderExtrasState {
  return { led: 0, buzzer: 0, buzzerOnDetection: true, piccParameter: 0xff, ledCommands: 0 };
}

/**
 * The part of a contactless reader's firmware that answers PC/SC Part 3 pseudo-APDUs (class FF)
 * for the chip in its field, and passes other APDUs to ISO 14443-4 chips. Behind vpcd the virtual
 * tag runs it itself, since vpcd forwards every APDU.
 */
export class ReaderFirmware {
  /** LED/buzzer state as the reader pseudo-APDUs left it. */
  readonly extras: ReaderExtrasState = newReaderExtrasState();
  /** Key slots: `${p1}:${p2}` → key. */
  private readonly keys = new Map<string, Uint8Array>();
  private readonly style: FirmwareStyle;
  private readonly version: string;
  private readonly responseBySw61: boolean;
  /** The PN532 answer an old firmware holds for GET RESPONSE. */
  private pending: Uint8Array | undefined;

  constructor(
    private readonly chip: TagChip,
    options: ReaderFirmwareOptions = {},
  ) {
    this.style = options.style ?? 'acs';
    this.version = options.firmwareVersion ?? 'ACR122U215';
    this.responseBySw61 = options.responseBySw61 ?? false;
  }

  /** Volatile keys are lost with the reader's power, not with the card; nothing to do on a card reset. */
  respond(apdu: Uint8Array): Uint8Array {
    if (apdu.length < 4) return Uint8Array.of(0x67, 0x00);
    if (apdu[0] !== 0xff) return this.chip.apdu ? this.chip.apdu(apdu) : Uint8Array.of(0x6e, 0x00);
    const held = this.pending;
    this.pending = undefined;
    if (apdu[1] === 0xc0) return this.getResponse(apdu, held);
    if (apdu[1] === 0x00 && apdu[2] === 0x00 && apdu[3] === 0x00) return this.directTransmit(apdu);
    switch (apdu[1]) {
      case 0xca:
        return this.getData(apdu);
      case 0x82:
        return this.loadKey(apdu);
      case 0x86:
        return this.generalAuthenticate(apdu);
      case 0x88:
        return this.obsoleteAuthenticate(apdu);
      case 0xb0:
        return this.readBinary(apdu);
      case 0xd6:
        return this.updateBinary(apdu);
      case 0x00:
        return this.readerCommand(apdu);
      default:
        return Uint8Array.of(0x6d, 0x00);
    }
  }

  private getData(apdu: Uint8Array): Uint8Array {
    const which = apdu[2];
    const value = which === 0x00 ? this.chip.uid : which === 0x01 ? this.chip.historicalBytes : undefined;
    if (value === undefined || apdu[3] !== 0x00) return Uint8Array.of(0x6a, 0x81);
    const le = apdu[4] ?? 0;
    if (le !== 0 && le < value.length) return Uint8Array.of(0x6c, value.length);
    return Uint8Array.from([...value, ...SW_OK]);
  }

  private loadKey(apdu: Uint8Array): Uint8Array {
    const p1 = apdu[2] ?? 0;
    const p2 = apdu[3] ?? 0;
    if (apdu[4] !== 6 || apdu.length !== 11) return this.style === 'acs' ? Uint8Array.of(0x63, 0x00) : Uint8Array.of(0x69, 0x89);
    const key = apdu.slice(5, 11);
    const accepted =
      this.style === 'acs' || this.style === 'generic'
        ? p1 === 0x00 && p2 <= 0x01
        : this.style === 'identiv'
          ? p1 === 0x00 && (p2 === 0x60 || p2 === 0x61)
          : p1 === 0x20 && p2 <= 0x1f;
    if (!accepted) {
      if (this.style === 'acs') return Uint8Array.of(0x63, 0x00);
      if (this.style === 'omnikey' && p1 === 0x00) return Uint8Array.of(0x69, 0x86);
      return Uint8Array.of(0x69, 0x88);
    }
    this.keys.set(`${p1}:${p2}`, key);
    return Uint8Array.from(SW_OK);
  }

  /** The key GENERAL AUTHENTICATE's key number names, per style. */
  private keyFor(type: ChipKeyType, keyNumber: number): Uint8Array | undefined {
    switch (this.style) {
      case 'identiv':
        return keyNumber === 0x01 ? this.keys.get(`0:${type === 'A' ? 0x60 : 0x61}`) : undefined;
      case 'omnikey':
        return this.keys.get(`32:${keyNumber}`);
      default:
        return this.keys.get(`0:${keyNumber}`);
    }
  }

  private authenticateWith(block: number, keyTypeCode: number | undefined, keyNumber: number): Uint8Array {
    const failure = this.style === 'acs' ? Uint8Array.of(0x63, 0x00) : Uint8Array.of(0x69, 0x82);
    if (!this.chip.authenticate) return Uint8Array.of(0x6a, 0x81);
    if (keyTypeCode !== 0x60 && keyTypeCode !== 0x61) return this.style === 'acs' ? failure : Uint8Array.of(0x69, 0x86);
    const type: ChipKeyType = keyTypeCode === 0x60 ? 'A' : 'B';
    const key = this.keyFor(type, keyNumber);
    if (!key) return this.style === 'acs' ? failure : Uint8Array.of(0x69, 0x83);
    return this.chip.authenticate(block, type, key) ? Uint8Array.from(SW_OK) : failure;
  }

  private generalAuthenticate(apdu: Uint8Array): Uint8Array {
    if (apdu[4] !== 0x05 || apdu[5] !== 0x01 || apdu.length < 10) return Uint8Array.of(0x67, 0x00);
    return this.authenticateWith(((apdu[6] ?? 0) << 8) | (apdu[7] ?? 0), apdu[8], apdu[9] ?? 0);
  }

  private obsoleteAuthenticate(apdu: Uint8Array): Uint8Array {
    if (this.style !== 'acs') return Uint8Array.of(0x6d, 0x00);
    if (apdu.length !== 6) return Uint8Array.of(0x67, 0x00);
    return this.authenticateWith(apdu[3] ?? 0, apdu[4], apdu[5] ?? 0);
  }

  private readBinary(apdu: Uint8Array): Uint8Array {
    if (!this.chip.read) return Uint8Array.of(0x6a, 0x81);
    if (apdu.length !== 5) return Uint8Array.of(0x67, 0x00);
    const block = ((apdu[2] ?? 0) << 8) | (apdu[3] ?? 0);
    const le = apdu[4] === 0 ? 16 : (apdu[4] ?? 16);
    const result = this.chip.read(block, le);
    return result.ok ? Uint8Array.from([...result.data, ...SW_OK]) : Uint8Array.of(0x63, 0x00);
  }

  private updateBinary(apdu: Uint8Array): Uint8Array {
    if (!this.chip.write) return Uint8Array.of(0x6a, 0x81);
    const lc = apdu[4] ?? 0;
    if (apdu.length !== 5 + lc || lc === 0) return Uint8Array.of(0x67, 0x00);
    const block = ((apdu[2] ?? 0) << 8) | (apdu[3] ?? 0);
    return this.chip.write(block, apdu.slice(5)).ok ? Uint8Array.from(SW_OK) : Uint8Array.of(0x63, 0x00);
  }

  /**
   * ACR122U direct transmit `FF 00 00 00 Lc <PN532 frame>` (ACS reader): InDataExchange `D4 40 01
   * <native>` → `D5 41 00 <answer>`, InCommunicateThru `D4 42 <native>` → `D5 43 00 <answer>`; a
   * chip that NAKs or stays silent gives status byte 01 (timeout), as the PN532 reports it.
   * Other readers do not know it (6A 81).
   */
  private directTransmit(apdu: Uint8Array): Uint8Array {
    if (this.style !== 'acs') return Uint8Array.of(0x6a, 0x81);
    const lc = apdu[4] ?? 0;
    if (apdu.length !== 5 + lc || lc < 2 || apdu[5] !== 0xd4) return Uint8Array.of(0x67, 0x00);
    const command = apdu[6] ?? 0;
    let frame: Uint8Array;
    if (command === 0x40 && lc >= 4 && apdu[7] === 0x01) frame = apdu.slice(8);
    else if (command === 0x42 && lc >= 3) frame = apdu.slice(7);
    else return Uint8Array.of(0x63, 0x00);
    const result = this.chip.native ? this.chip.native(frame) : { ok: false as const };
    const answer = result.ok ? Uint8Array.from([0xd5, command + 1, 0x00, ...result.data]) : Uint8Array.of(0xd5, command + 1, 0x01);
    if (!this.responseBySw61) return Uint8Array.from([...answer, ...SW_OK]);
    this.pending = answer;
    return Uint8Array.of(0x61, answer.length);
  }

  /** GET RESPONSE `FF C0 00 00 Le` after an old firmware's 61 xx. */
  private getResponse(apdu: Uint8Array, held: Uint8Array | undefined): Uint8Array {
    if (!held) return Uint8Array.of(0x6a, 0x81);
    const le = apdu[4] ?? 0;
    if (apdu.length !== 5 || le !== held.length) {
      this.pending = held;
      return Uint8Array.of(0x6c, held.length);
    }
    return Uint8Array.from([...held, ...SW_OK]);
  }

  /** ACR122U reader commands `FF 00 P1 P2`: LED/buzzer (40), firmware (48), PICC parameter (51), buzzer on detect (52). */
  private readerCommand(apdu: Uint8Array): Uint8Array {
    return answerReaderCommand(apdu, this.extras, this.version);
  }
}

/** Answers ACR122U `FF 00 …` reader commands, updating `extras`; undefined-free: unknown ones give 6A 81. */
export function answerReaderCommand(apdu: Uint8Array, extras: ReaderExtrasState, version: string): Uint8Array {
  if (apdu[0] !== 0xff || apdu[1] !== 0x00) return Uint8Array.of(0x6a, 0x81);
  switch (apdu[2]) {
    case 0x40: {
      if (apdu[4] !== 0x04 || apdu.length !== 9) return Uint8Array.of(0x67, 0x00);
      const p2 = apdu[3] ?? 0;
      let led = extras.led;
      if (p2 & 0x04) led = (led & ~0x01) | (p2 & 0x01);
      if (p2 & 0x08) led = (led & ~0x02) | (p2 & 0x02);
      extras.led = led;
      extras.buzzer = apdu[8] ?? 0;
      extras.ledCommands += 1;
      return Uint8Array.of(0x90, led);
    }
    case 0x48:
      return new TextEncoder().encode(version);
    case 0x51:
      extras.piccParameter = apdu[3] ?? 0;
      return Uint8Array.of(0x90, extras.piccParameter);
    case 0x52:
      extras.buzzerOnDetection = apdu[3] === 0xff;
      return Uint8Array.of(0x90, 0x00);
    default:
      return Uint8Array.of(0x6a, 0x81);
  }
}

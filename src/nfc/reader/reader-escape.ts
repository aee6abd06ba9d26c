import type { Card } from '../../core/card';
import { PcscError } from '../../errors/pcsc-error';
import { SCARD_E_NOT_TRANSACTED, SCARD_E_UNSUPPORTED_FEATURE, SCARD_E_INVALID_VALUE } from '../../errors/return-codes';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { EscapeDisabledError } from '../nfc-errors';
import { errorForStatus } from '../status-errors';
import { CCID_ESCAPE_FUNCTION, ESCAPE_FUNCTION, platformControlStyle, scardCtlCode, type ControlCodeStyle } from './escape-control-code';

/** The connection escape commands go through. */
export type EscapeConnection = Pick<Card, 'reader' | 'control' | 'transmit'>;

/** How reader commands reach the reader: SCardControl (works without a card, with a 'direct' connection) or pseudo-APDUs through SCardTransmit (needs a card). */
export type EscapeRoute = 'control' | 'transmit';

/** Options of `new ReaderEscape`. */
export interface ReaderEscapeOptions {
  /** Default 'control'. */
  readonly route?: EscapeRoute;
  /** Control code numbering; default: this platform's. */
  readonly style?: ControlCodeStyle;
}

/** ACR122U LED and buzzer command (`FF 00 40 P2 04 T1 T2 N link`), ACR122U API §6.2. */
export interface LedBuzzerOptions {
  /** Final red LED state. */
  readonly red?: boolean;
  /** Final green LED state. */
  readonly green?: boolean;
  /** Blink the red LED during the sequence. */
  readonly blinkRed?: boolean;
  /** Blink the green LED during the sequence. */
  readonly blinkGreen?: boolean;
  /** Initial blinking state duration T1, in ms (rounded to 100 ms units, 0–25,500). */
  readonly onMs?: number;
  /** Toggle blinking state duration T2, in ms. */
  readonly offMs?: number;
  /** Number of repetitions (0–255). */
  readonly repeat?: number;
  /** Buzzer: 'off', during T1, during T2 or both. */
  readonly buzzer?: 'off' | 't1' | 't2' | 'both';
}

const BUZZER_LINK = { off: 0, t1: 1, t2: 2, both: 3 } as const;

/** One-byte settings of the ACR1252U family and their escape command codes. */
export type Acr1252Setting = 'picc-types' | 'led-buzzer-behaviour' | 'auto-picc-polling';

/** The `E0 00 00 cmd` code of each ACR1252U setting (ACM1252U-Y3 reference manual). */
export const ACR1252_SETTINGS: Readonly<Record<Acr1252Setting, number>> = { 'picc-types': 0x20, 'led-buzzer-behaviour': 0x21, 'auto-picc-polling': 0x23 };

function units(ms: number | undefined, name: string): number {
  const value = Math.round((ms ?? 0) / 100);
  if (!Number.isFinite(value) || value < 0 || value > 255) throw InvalidArgumentError.expected(name, 'a duration from 0 to 25,500 ms', ms);
  return value;
}

/** Builds the LED/buzzer pseudo-APDU. */
export function ledBuzzerCommand(options: LedBuzzerOptions): Uint8Array {
  const repeat = options.repeat ?? 0;
  if (!Number.isInteger(repeat) || repeat < 0 || repeat > 255) throw InvalidArgumentError.expected('repeat', 'an integer from 0 to 255', repeat);
  // P2: b0 final red, b1 final green, b2/b3 their update masks, b4/b5 initial blink states, b6/b7 blink masks.
  const p2 =
    (options.red ? 0x01 : 0) | (options.green ? 0x02 : 0) | 0x04 | 0x08 | (options.blinkRed ? 0x10 | 0x40 : 0) | (options.blinkGreen ? 0x20 | 0x80 : 0);
  return Uint8Array.of(0xff, 0x00, 0x40, p2, 0x04, units(options.onMs, 'onMs'), units(options.offMs, 'offMs'), repeat, BUZZER_LINK[options.buzzer ?? 'off']);
}

/**
 * Reader-specific commands of ACS readers (ACR122U, ACR1252U): LED/buzzer, firmware version,
 * PICC operating parameter. They go through SCardControl with the escape control code, or as
 * `FF 00 …` pseudo-APDUs on a card connection.
 */
export class ReaderEscape {
  private readonly route: EscapeRoute;
  private readonly style: ControlCodeStyle;

  constructor(
    /** The connection (a 'direct' one when no card is present). */
    readonly connection: EscapeConnection,
    options: ReaderEscapeOptions = {},
  ) {
    this.route = options.route ?? 'control';
    this.style = options.style ?? platformControlStyle();
  }

  /**
   * Sends raw escape bytes to the reader: SCARD_CTL_CODE(3500) first, libccid's SCARD_CTL_CODE(1)
   * when the driver does not know 3500. A driver with escapes turned off is an EscapeDisabledError.
   */
  async escape(data: Uint8Array): Promise<Uint8Array> {
    try {
      return await this.connection.control(scardCtlCode(ESCAPE_FUNCTION, this.style), data);
    } catch (error) {
      if (!isEscapeRefusal(error) || this.style === 'windows') throw this.explain(error);
    }
    try {
      return await this.connection.control(scardCtlCode(CCID_ESCAPE_FUNCTION, this.style), data);
    } catch (error) {
      throw this.explain(error);
    }
  }

  /** Sends a reader pseudo-APDU (class FF) by the chosen route; resolves with its data, SW checked. */
  async command(name: string, apdu: Uint8Array): Promise<Uint8Array> {
    const answer = this.route === 'transmit' ? (await this.connection.transmit(apdu)).bytes : await this.escape(apdu);
    if (swOf(answer) !== 0x9000) throw errorForStatus({ tag: this.connection.reader, command: name, apdu, sw: swOf(answer) }, 'other');
    return answer.subarray(0, answer.length - 2);
  }

  /** LED and buzzer (ACR122U, ACR1252U); resolves with the LED state byte the reader reports. */
  async ledBuzzer(options: LedBuzzerOptions): Promise<number> {
    const apdu = ledBuzzerCommand(options);
    const answer = this.route === 'transmit' ? (await this.connection.transmit(apdu)).bytes : await this.escape(apdu);
    // The reader answers 90 <LED state> rather than 90 00.
    if (answer.length !== 2 || answer[0] !== 0x90) {
      throw errorForStatus({ tag: this.connection.reader, command: 'LED/BUZZER CONTROL', apdu, sw: swOf(answer) }, 'other');
    }
    return answer[1] ?? 0;
  }

  /** Firmware version text, e.g. 'ACR122U207' (`FF 00 48 00 00`; answered without status word). */
  async firmwareVersion(): Promise<string> {
    const apdu = Uint8Array.of(0xff, 0x00, 0x48, 0x00, 0x00);
    const answer = this.route === 'transmit' ? (await this.connection.transmit(apdu)).bytes : await this.escape(apdu);
    const text = answer.length >= 2 && answer[answer.length - 2] === 0x90 && answer[answer.length - 1] === 0x00 ? answer.subarray(0, -2) : answer;
    return new TextDecoder('latin1').decode(text);
  }

  /**
   * Sets the PICC operating parameter (`FF 00 51 P2 00`): which card types the reader polls for and
   * whether it polls on its own (ACR122U API §6.5). Resolves with the parameter the reader reports.
   */
  async setPiccOperatingParameter(parameter: number): Promise<number> {
    if (!Number.isInteger(parameter) || parameter < 0 || parameter > 0xff) throw InvalidArgumentError.expected('parameter', 'a byte', parameter);
    const apdu = Uint8Array.of(0xff, 0x00, 0x51, parameter, 0x00);
    const answer = this.route === 'transmit' ? (await this.connection.transmit(apdu)).bytes : await this.escape(apdu);
    if (answer.length !== 2 || answer[0] !== 0x90)
      throw errorForStatus({ tag: this.connection.reader, command: 'SET PICC OPERATING PARAMETER', apdu, sw: swOf(answer) }, 'other');
    return answer[1] ?? 0;
  }

  /** Turns the beep on card detection on or off (`FF 00 52 FF|00 00`, ACR122U firmware 2.x). */
  async setBuzzerOnDetection(on: boolean): Promise<void> {
    const apdu = Uint8Array.of(0xff, 0x00, 0x52, on ? 0xff : 0x00, 0x00);
    const answer = this.route === 'transmit' ? (await this.connection.transmit(apdu)).bytes : await this.escape(apdu);
    if (answer.length !== 2 || answer[0] !== 0x90)
      throw errorForStatus({ tag: this.connection.reader, command: 'SET BUZZER ON DETECTION', apdu, sw: swOf(answer) }, 'other');
  }

  /**
   * An escape command of the ACR1252U family (control route only): sends `E0 00 00 cmd Lc data`
   * and resolves with the data of the reader's `E1 00 00 00 Le data` answer. Any other answer (an
   * ACR122U answering 63 00, say) is a typed error.
   */
  async acr1252Command(command: number, data: Uint8Array = new Uint8Array(0)): Promise<Uint8Array> {
    if (!Number.isInteger(command) || command < 0 || command > 0xff) throw InvalidArgumentError.expected('command', 'a byte', command);
    if (data.length > 0xff) throw InvalidArgumentError.expected('data', 'at most 255 bytes', `${data.length} bytes`);
    const apdu = Uint8Array.of(0xe0, 0x00, 0x00, command, data.length, ...data);
    const answer = await this.escape(apdu);
    const length = answer[4] ?? 0;
    if (answer.length < 5 || answer[0] !== 0xe1 || answer[1] !== 0x00 || answer[2] !== 0x00 || answer[3] !== 0x00 || answer.length !== 5 + length) {
      const sw = answer.length >= 2 ? swOf(answer) : 0x6f00;
      throw errorForStatus(
        { tag: this.connection.reader, command: `ESCAPE E0 ${command.toString(16).padStart(2, '0').toUpperCase()}`, apdu, sw: sw === 0x9000 ? 0x6f00 : sw },
        'other',
      );
    }
    return answer.subarray(5);
  }

  /** ACR1252U family: firmware version text (`E0 00 00 18 00`), e.g. 'ACR1252U_V201'. */
  async acr1252FirmwareVersion(): Promise<string> {
    return new TextDecoder('latin1').decode(await this.acr1252Command(0x18));
  }

  /** ACR1252U family: sets the LEDs (`E0 00 00 29 01 state`, b0 red, b1 green); resolves with the state the reader reports. */
  async acr1252SetLeds(leds: { readonly red?: boolean; readonly green?: boolean }): Promise<number> {
    const answer = await this.acr1252Command(0x29, Uint8Array.of((leds.red ? 0x01 : 0) | (leds.green ? 0x02 : 0)));
    return answer[0] ?? 0;
  }

  /** ACR1252U family: the LED state (`E0 00 00 29 00`), b0 red, b1 green. */
  async acr1252LedState(): Promise<number> {
    return (await this.acr1252Command(0x29))[0] ?? 0;
  }

  /** ACR1252U family: sounds the buzzer for `ms` (`E0 00 00 28 01 duration`, 10 ms units; 0 turns it off). */
  async acr1252Buzzer(ms: number): Promise<void> {
    const duration = Math.round(ms / 10);
    if (!Number.isFinite(duration) || duration < 0 || duration > 255) throw InvalidArgumentError.expected('ms', 'a duration from 0 to 2,550 ms', ms);
    await this.acr1252Command(0x28, Uint8Array.of(duration));
  }

  /**
   * ACR1252U family: one-byte settings read with `E0 00 00 cmd 00` and written with `E0 00 00 cmd
   * 01 value`: 'picc-types' (20: b0 ISO 14443 A, b1 B, b2 FeliCa 212, b3 FeliCa 424, b4 Topaz),
   * 'led-buzzer-behaviour' (21), 'auto-picc-polling' (23). Resolves with the value the reader reports.
   */
  async acr1252Setting(setting: Acr1252Setting, value?: number): Promise<number> {
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 0xff)) throw InvalidArgumentError.expected('value', 'a byte', value);
    const answer = await this.acr1252Command(ACR1252_SETTINGS[setting], value === undefined ? new Uint8Array(0) : Uint8Array.of(value));
    return answer[0] ?? 0;
  }

  private explain(error: unknown): unknown {
    if (!isEscapeRefusal(error)) return error;
    return new EscapeDisabledError(
      `${this.connection.reader} refused the escape command (${(error as PcscError).codeName}). ` +
        (this.style === 'windows'
          ? 'Windows blocks CCID escape commands by default: set the DWORD EscapeCommandEnable = 1 under the reader\'s "Device Parameters" key (HKLM\\SYSTEM\\CurrentControlSet\\Enum\\USB\\VID_xxxx&PID_xxxx\\<serial>\\Device Parameters), then replug the reader.'
          : 'The CCID driver (libccid) serves escape commands only when allowed: add 0x0001 (DRIVER_OPTION_CCID_EXCHANGE_AUTHORIZED) to ifdDriverOptions in ifd-ccid.bundle/Contents/Info.plist (e.g. /usr/lib/pcsc/drivers/ifd-ccid.bundle/Contents/Info.plist, or /usr/local/libexec/SmartCardServices/drivers on macOS) and restart pcscd; the vendor driver (e.g. ACS acsccid) accepts them without it.'),
      'SCardControl',
    );
  }
}

function swOf(answer: Uint8Array): number {
  return answer.length >= 2 ? ((answer[answer.length - 2] ?? 0) << 8) | (answer[answer.length - 1] ?? 0) : 0;
}

/** The codes a driver answers when it will not pass escapes: unknown control code, or not authorised. */
function isEscapeRefusal(error: unknown): boolean {
  return (
    error instanceof PcscError && (error.code === SCARD_E_UNSUPPORTED_FEATURE || error.code === SCARD_E_NOT_TRANSACTED || error.code === SCARD_E_INVALID_VALUE)
  );
}

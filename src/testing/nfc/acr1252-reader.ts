import type { ReaderControlHandler } from '../../simulator';
import type { Acr122Reader } from './acr122-reader';
import { answerReaderCommand, newReaderExtrasState, type ReaderExtrasState } from './reader-firmware';

/** The name pcscd lists an ACR1252U's contactless interface under (ACS CCID driver). */
export const ACR1252U_READER_NAME = 'ACS ACR1252 1S CL Reader PICC';

/** pcsc-lite's SCARD_CTL_CODE(3500), the ACS escape. */
const ESCAPE_PCSCLITE = 0x42000000 + 3500;
/** Windows' SCARD_CTL_CODE(3500). */
const ESCAPE_WINDOWS = 0x003136b0;

/** ACR1252U state the `E0` escape commands leave, beside the ACR122U-compatible LED/buzzer state. */
export interface Acr1252ExtrasState extends ReaderExtrasState {
  /** Last buzzer duration, in 10 ms units (E0 28). */
  buzzerDuration: number;
  /** PICC polling types (E0 20; starts at 1F, all five types). */
  piccTypes: number;
  /** LED and buzzer behaviour byte (E0 21; starts at 00 here, not a factory value). */
  ledBuzzerBehaviour: number;
  /** Automatic PICC polling byte (E0 23; starts at 00 here, not a factory value). */
  autoPiccPolling: number;
}

/** An ACR1252U for SimulatedPcsc.addReader. */
export interface Acr1252Reader extends Omit<Acr122Reader, 'extras'> {
  /** State the escape commands left. */
  readonly extras: Acr1252ExtrasState;
}

/** Options of acr1252uReader. */
export interface Acr1252ReaderOptions {
  /** Firmware text answered to `E0 00 00 18 00` (default 'ACR1252U_V201'). */
  readonly firmwareVersion?: string;
  /** Every escape refused (SCARD_E_UNSUPPORTED_FEATURE), as libccid without escape permission answers. */
  readonly escapeDisabled?: boolean;
}

const SETTINGS = { 0x20: 'piccTypes', 0x21: 'ledBuzzerBehaviour', 0x23: 'autoPiccPolling' } as const;

/**
 * An ACR1252U personality: escape commands (SCARD_CTL_CODE(3500)) framed `E0 00 00 cmd Lc data`,
 * answered `E1 00 00 00 Le data` — firmware (18), LEDs (29), buzzer (28), PICC types (20),
 * LED/buzzer behaviour (21), automatic PICC polling (23) — and the ACR122U-compatible `FF 00 40`
 * LED/buzzer command (ACM1252U-Y3 and ACR1255U-J1 reference manuals).
 */
export function acr1252uReader(options: Acr1252ReaderOptions = {}): Acr1252Reader {
  const extras: Acr1252ExtrasState = { ...newReaderExtrasState(), buzzerDuration: 0, piccTypes: 0x1f, ledBuzzerBehaviour: 0x00, autoPiccPolling: 0x00 };
  const version = options.firmwareVersion ?? 'ACR1252U_V201';
  const control: ReaderControlHandler = (code, data) => {
    if (options.escapeDisabled || (code !== ESCAPE_PCSCLITE && code !== ESCAPE_WINDOWS)) return undefined;
    if (data[0] === 0xff) return answerReaderCommand(data, extras, version);
    return answerE0(data, extras, version);
  };
  return { name: ACR1252U_READER_NAME, options: { control }, extras };
}

function reply(data: readonly number[]): Uint8Array {
  return Uint8Array.from([0xe1, 0x00, 0x00, 0x00, data.length, ...data]);
}

/** Answers one `E0 00 00 cmd Lc data` escape; unknown or malformed ones get 63 00. */
function answerE0(data: Uint8Array, extras: Acr1252ExtrasState, version: string): Uint8Array {
  const lc = data[4] ?? 0;
  if (data.length < 5 || data[0] !== 0xe0 || data[1] !== 0x00 || data[2] !== 0x00 || data.length !== 5 + lc) return Uint8Array.of(0x63, 0x00);
  const command = data[3] ?? 0;
  const value = data[5];
  if (command === 0x18 && lc === 0) return reply(Array.from(new TextEncoder().encode(version)));
  if (command === 0x29 && lc <= 1) {
    if (value !== undefined) {
      extras.led = value & 0x03;
      extras.ledCommands += 1;
    }
    return reply([extras.led]);
  }
  if (command === 0x28 && lc === 1) {
    extras.buzzerDuration = value ?? 0;
    return reply([0x00]);
  }
  const setting = SETTINGS[command as keyof typeof SETTINGS];
  if (setting && lc <= 1) {
    if (value !== undefined) extras[setting] = value;
    return reply([extras[setting]]);
  }
  return Uint8Array.of(0x63, 0x00);
}

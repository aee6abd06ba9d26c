import type { ReaderControlHandler, SimulatedReaderOptions } from '../../simulator';
import { answerReaderCommand, newReaderExtrasState, type ReaderExtrasState } from './reader-firmware';

/** The name pcscd lists an ACR122U under (ACS CCID driver). */
export const ACR122U_READER_NAME = 'ACS ACR122U PICC Interface';

/** pcsc-lite's SCARD_CTL_CODE(3500), the ACS escape. */
const ESCAPE_PCSCLITE = 0x42000000 + 3500;
/** Windows' SCARD_CTL_CODE(3500). */
const ESCAPE_WINDOWS = 0x003136b0;

/** An ACR122U for SimulatedPcsc.addReader: its name, and the escape handler with observable LED/buzzer state. */
export interface Acr122Reader {
  /** The reader name to pass to addReader. */
  readonly name: string;
  /** Options for addReader (the escape control handler). */
  readonly options: SimulatedReaderOptions;
  /** LED/buzzer/PICC state the escape commands left. */
  readonly extras: ReaderExtrasState;
}

/** Options of acr122uReader. */
export interface Acr122ReaderOptions {
  /** Firmware text (default 'ACR122U215'). */
  readonly firmwareVersion?: string;
  /**
   * Simulate libccid without DRIVER_OPTION_CCID_EXCHANGE_AUTHORIZED: every escape is refused
   * (SCARD_E_UNSUPPORTED_FEATURE), as pcscd answers then.
   */
  readonly escapeDisabled?: boolean;
}

/** An ACR122U personality: escape commands (SCARD_CTL_CODE(3500)) answering LED/buzzer, firmware, PICC parameter. */
export function acr122uReader(options: Acr122ReaderOptions = {}): Acr122Reader {
  const extras = newReaderExtrasState();
  const control: ReaderControlHandler = (code, data) => {
    if (options.escapeDisabled || (code !== ESCAPE_PCSCLITE && code !== ESCAPE_WINDOWS)) return undefined;
    return answerReaderCommand(data, extras, options.firmwareVersion ?? 'ACR122U215');
  };
  return { name: ACR122U_READER_NAME, options: { control }, extras };
}

import { ApduError } from '../errors/apdu-error';
import { CommandApdu } from './command-apdu';
import { GetResponseLimitError } from './get-response-limit-error';

/** Sends one command APDU and resolves with the card's raw answer (data + SW1 SW2). */
export type TransmitFunction = (command: Uint8Array) => Promise<Uint8Array>;

/** How `exchangeWithT0Handling` follows up 61xx and 6Cxx status words. */
export interface T0ExchangeOptions {
  /**
   * Most GET RESPONSE commands sent for one command. The default, 257, lets a card return
   * 64 KiB in 256-byte pieces; beyond it the exchange fails with GetResponseLimitError.
   */
  readonly maxGetResponses?: number;
  /** Resend a command once with the Le the card names in 6Cxx (default true). */
  readonly resendOnWrongLe?: boolean;
  /** CLA of GET RESPONSE; by default the CLA of the command. */
  readonly getResponseCla?: number;
}

/** Default `maxGetResponses`: 257 GET RESPONSE commands, enough for 64 KiB in 256-byte pieces. */
export const DEFAULT_MAX_GET_RESPONSES = 257;

const INS_GET_RESPONSE = 0xc0;

/**
 * Sends a command the way T=0 cards expect: follows 61xx with GET RESPONSE (Le = xx) until a
 * final status word, concatenating the data, and answers 6Cxx by resending with Le = xx.
 * Resolves with all response data followed by the last status word.
 */
export async function exchangeWithT0Handling(
  transmit: TransmitFunction,
  command: Uint8Array | CommandApdu,
  options: T0ExchangeOptions = {},
): Promise<Uint8Array> {
  const settings = settingsOf(command, options);
  return followUp(transmit, command, await transmit(bytesOf(command)), settings);
}

/**
 * @internal Finishes a T=0 exchange whose command was already sent and answered `first`: the 6Cxx
 * resend and the GET RESPONSE commands of `exchangeWithT0Handling`, without sending it again.
 */
export async function completeT0Exchange(
  transmit: TransmitFunction,
  command: CommandApdu,
  first: Uint8Array,
  options: T0ExchangeOptions = {},
): Promise<Uint8Array> {
  return followUp(transmit, command, first, settingsOf(command, options));
}

interface T0Settings {
  readonly maxGetResponses: number;
  readonly resendOnWrongLe: boolean;
  readonly cla: number;
}

function settingsOf(command: Uint8Array | CommandApdu, options: T0ExchangeOptions): T0Settings {
  const maxGetResponses = options.maxGetResponses ?? DEFAULT_MAX_GET_RESPONSES;
  if (!Number.isInteger(maxGetResponses) || maxGetResponses < 0) {
    throw ApduError.expected('maxGetResponses', 'a whole number, 0 or more', maxGetResponses);
  }
  const resendOnWrongLe = options.resendOnWrongLe ?? true;
  const cla = options.getResponseCla ?? bytesOf(command)[0] ?? 0;
  if (!Number.isInteger(cla) || cla < 0 || cla > 255) {
    throw ApduError.expected('getResponseCla', 'an integer from 0 to 255', cla);
  }
  return { maxGetResponses, resendOnWrongLe, cla };
}

/** The exchange after the command's first answer: its 6Cxx resend, then GET RESPONSE while the card answers 61xx. */
async function followUp(transmit: TransmitFunction, command: Uint8Array | CommandApdu, first: Uint8Array, settings: T0Settings): Promise<Uint8Array> {
  let response = await resendOnWrongLe(transmit, command, first, settings.resendOnWrongLe);
  if (statusByte1(response) !== 0x61) return response;

  const chunks: Uint8Array[] = [];
  let getResponses = 0;
  while (statusByte1(response) === 0x61) {
    chunks.push(response.subarray(0, response.length - 2));
    if (getResponses >= settings.maxGetResponses) throw new GetResponseLimitError(getResponses, concat(chunks));
    getResponses += 1;
    const getResponse = getResponseCommand(settings.cla, response[response.length - 1] ?? 0);
    response = await resendOnWrongLe(transmit, getResponse, await transmit(getResponse.bytes), settings.resendOnWrongLe);
  }
  chunks.push(response);
  return concat(chunks);
}

/** GET RESPONSE for `available` bytes (00: 256), a case 2S command whose layout is known. */
function getResponseCommand(cla: number, available: number): CommandApdu {
  const layout = { case: '2S', lc: 0, dataOffset: 4, le: available === 0 ? 256 : available, extended: false } as const;
  return CommandApdu.ofCheckedBytes(Uint8Array.of(cla, INS_GET_RESPONSE, 0x00, 0x00, available), layout);
}

/** `response`, or the answer to the command resent once with the Le the card named in 6Cxx. */
async function resendOnWrongLe(transmit: TransmitFunction, command: Uint8Array | CommandApdu, response: Uint8Array, enabled: boolean): Promise<Uint8Array> {
  if (!enabled || statusByte1(response) !== 0x6c) return response;
  const corrected = withCorrectedLe(command, response[response.length - 1] ?? 0);
  return corrected === undefined ? response : transmit(corrected);
}

function bytesOf(command: Uint8Array | CommandApdu): Uint8Array {
  return command instanceof CommandApdu ? command.bytes : command;
}

/** The command with Le = sw2 (00 meaning 256), or undefined if its length fields cannot be read. */
function withCorrectedLe(command: Uint8Array | CommandApdu, sw2: number): Uint8Array | undefined {
  let apdu: CommandApdu;
  try {
    apdu = command instanceof CommandApdu ? command : CommandApdu.fromBytes(command);
    if (!apdu.isWellFormed) return undefined;
  } catch (error) {
    if (error instanceof ApduError) return undefined;
    throw error;
  }
  return apdu.withLe(sw2 === 0 ? 256 : sw2).bytes;
}

function statusByte1(response: Uint8Array): number | undefined {
  return response.length >= 2 ? response[response.length - 2] : undefined;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

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
  command: Uint8Array,
  options: T0ExchangeOptions = {},
): Promise<Uint8Array> {
  const maxGetResponses = options.maxGetResponses ?? DEFAULT_MAX_GET_RESPONSES;
  if (!Number.isInteger(maxGetResponses) || maxGetResponses < 0) {
    throw ApduError.expected('maxGetResponses', 'a whole number, 0 or more', maxGetResponses);
  }
  const resendOnWrongLe = options.resendOnWrongLe ?? true;
  const cla = options.getResponseCla ?? command[0] ?? 0;
  if (!Number.isInteger(cla) || cla < 0 || cla > 255) {
    throw ApduError.expected('getResponseCla', 'an integer from 0 to 255', cla);
  }

  let response = await send(transmit, command, resendOnWrongLe);
  if (statusByte1(response) !== 0x61) return response;

  const chunks: Uint8Array[] = [];
  let getResponses = 0;
  while (statusByte1(response) === 0x61) {
    chunks.push(response.subarray(0, response.length - 2));
    if (getResponses >= maxGetResponses) throw new GetResponseLimitError(getResponses, concat(chunks));
    getResponses += 1;
    const available = response[response.length - 1] ?? 0;
    response = await send(transmit, Uint8Array.of(cla, INS_GET_RESPONSE, 0x00, 0x00, available), resendOnWrongLe);
  }
  chunks.push(response);
  return concat(chunks);
}

/** One command, resent at most once when the card answers 6Cxx. */
async function send(transmit: TransmitFunction, command: Uint8Array, resendOnWrongLe: boolean): Promise<Uint8Array> {
  const response = await transmit(command);
  if (!resendOnWrongLe || statusByte1(response) !== 0x6c) return response;
  const corrected = withCorrectedLe(command, response[response.length - 1] ?? 0);
  return corrected === undefined ? response : transmit(corrected);
}

/** The command with Le = sw2 (00 meaning 256), or undefined if its length fields cannot be read. */
function withCorrectedLe(command: Uint8Array, sw2: number): Uint8Array | undefined {
  let apdu: CommandApdu;
  try {
    apdu = CommandApdu.fromBytes(command);
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

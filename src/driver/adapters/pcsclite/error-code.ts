import { SCARD_F_UNKNOWN_ERROR } from '../../return-codes';
import { fromClientLibrary } from '../client-library-code';
import { messageOf } from '../error-message';

const CODE_IN_MESSAGE = /\(0x([0-9a-fA-F]{1,8})\)\s*$/;

/** `pcsclite` reports failures only as text, e.g. "SCardConnect error: Sharing violation.(0x8010000b)". */
export function codeFromNativeError(error: unknown): number {
  const match = CODE_IN_MESSAGE.exec(messageOf(error));
  return match?.[1] ? fromClientLibrary(parseInt(match[1], 16) >>> 0) : SCARD_F_UNKNOWN_ERROR;
}

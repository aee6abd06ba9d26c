import { SCARD_F_UNKNOWN_ERROR } from '../../driver/return-codes';
import { fromClientLibrary, fromClientLibraryLink } from '../client-library-code';
import { messageOf } from '../error-message';

const CODE_IN_MESSAGE = /\(0x([0-9a-fA-F]{1,8})\)\s*$/;

/**
 * `pcsclite` reports failures only as text, e.g. "SCardConnect error: Sharing violation.(0x8010000b)".
 * `onLink`: the call went over an established link and was not SCardConnect (see fromClientLibraryLink).
 */
export function codeFromNativeError(error: unknown, onLink = false): number {
  const match = CODE_IN_MESSAGE.exec(messageOf(error));
  if (!match?.[1]) return SCARD_F_UNKNOWN_ERROR;
  const code = parseInt(match[1], 16) >>> 0;
  return onLink ? fromClientLibraryLink(code) : fromClientLibrary(code);
}

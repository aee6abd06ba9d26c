import { SCARD_F_UNKNOWN_ERROR } from '../../return-codes';

const CODE_IN_MESSAGE = /\(0x([0-9a-fA-F]{1,8})\)\s*$/;

/** `pcsclite` reports failures only as text, e.g. "SCardConnect error: Sharing violation.(0x8010000b)". */
export function codeFromNativeError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const match = CODE_IN_MESSAGE.exec(message);
  return match?.[1] ? parseInt(match[1], 16) >>> 0 : SCARD_F_UNKNOWN_ERROR;
}

import {
  ReaderNotSupportedError,
  TagAddressError,
  TagAuthenticationError,
  TagCommandError,
  TagWrongLengthError,
  type TagCommandErrorDetails,
} from './nfc-errors';

/** What kind of command failed: the same 63 00 means "wrong key" after an authenticate and "failed" otherwise. */
export type CommandFamily = 'authenticate' | 'load-key' | 'read' | 'write' | 'get-data' | 'select' | 'other';

/** Turns a failing status word into the typed error that names it. */
export function errorForStatus(details: TagCommandErrorDetails, family: CommandFamily): TagCommandError {
  const { sw } = details;
  const sw1 = sw >> 8;
  if (sw === 0x6d00 || sw === 0x6e00 || sw === 0x6a81) {
    return new ReaderNotSupportedError(details, 'not-supported', 'the reader does not support this command (or this function for this card)');
  }
  if (sw === 0x6700 || sw1 === 0x6c || sw === 0x6282) {
    return new TagWrongLengthError(details, 'wrong-length', 'wrong length for this tag');
  }
  if (sw === 0x6a82 && family === 'select') return new TagAddressError(details, 'block-not-found', 'application or file not found on this tag');
  if (sw === 0x6a82 || sw === 0x6b00) return new TagAddressError(details, 'block-not-found', 'no such block or page on this tag');
  if (family === 'authenticate' && (sw === 0x6300 || sw === 0x6982 || sw === 0x6984)) {
    return new TagAuthenticationError(details, 'authentication-failed', 'the tag refused the key (wrong key, key type or key slot)');
  }
  if (sw === 0x6982) {
    return new TagAuthenticationError(
      details,
      'security-status',
      'security status not satisfied: authenticate to this sector first, or the access bits forbid it',
    );
  }
  if (sw === 0x6986 && family === 'load-key')
    return new ReaderNotSupportedError(details, 'not-supported', 'the reader does not accept this key structure (try another key slot or profile)');
  if (sw === 0x6300) {
    const what =
      family === 'read' || family === 'write'
        ? 'the tag did not complete it (not authenticated, access bits forbid it, or the tag left the field)'
        : 'the operation failed';
    return new TagCommandError(details, 'operation-failed', what);
  }
  return new TagCommandError(details, 'unexpected-status', 'unexpected status word');
}

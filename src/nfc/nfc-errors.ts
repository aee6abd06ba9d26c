import { brandClass, isBrandedInstance } from '../errors/brand';
import { formatHex } from '../apdu/hex';

/** Base class of every error the NFC layer raises itself (PC/SC failures stay PcscError). */
export class NfcError extends Error {
  static {
    brandClass(this, 'NfcError');
  }

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /** Also true for errors from the library's other build (CommonJS or ES module) or another installed copy. */
  static override [Symbol.hasInstance]<T extends object>(this: { readonly prototype: T; readonly name: string }, value: unknown): value is T {
    return isBrandedInstance(this, 'NfcError', value);
  }
}

/** Why a tag command failed, read from its status word. */
export type TagFailureReason =
  'authentication-failed' | 'not-supported' | 'wrong-length' | 'security-status' | 'block-not-found' | 'operation-failed' | 'unexpected-status';

/** What a tag command error names: the tag, the command and the status word. */
export interface TagCommandErrorDetails {
  /** The tag, as `kind UID` (or the reader name when the UID is not known). */
  readonly tag: string;
  /** The command's name, e.g. 'READ BINARY block 4'. */
  readonly command: string;
  /** The command APDU that was sent. */
  readonly apdu: Uint8Array;
  /** SW1 SW2 as one number, e.g. 0x6300. */
  readonly sw: number;
}

/** A tag (or the reader on its behalf) answered a command with a status word other than 90 00. */
export class TagCommandError extends NfcError {
  /** The tag the command went to. */
  readonly tag: string;
  /** The command's name. */
  readonly command: string;
  /** The command APDU that was sent. */
  readonly apdu: Uint8Array;
  /** The status word, e.g. 0x6300. */
  readonly sw: number;
  /** What the status word means for this command. */
  readonly reason: TagFailureReason;

  constructor(details: TagCommandErrorDetails, reason: TagFailureReason, explanation: string) {
    super(`${details.command} on ${details.tag} failed with SW ${swText(details.sw)}: ${explanation}`);
    this.tag = details.tag;
    this.command = details.command;
    this.apdu = details.apdu;
    this.sw = details.sw;
    this.reason = reason;
  }
}

/** The key was refused, or the block needs an authentication that has not happened (63 00 / 69 82 after auth). */
export class TagAuthenticationError extends TagCommandError {}
/** The reader does not know this command (6D 00, 6E 00, 6A 81). */
export class ReaderNotSupportedError extends TagCommandError {}
/** The command's length is wrong for this tag (67 00, 6C xx, 62 82). */
export class TagWrongLengthError extends TagCommandError {}
/** The block or page does not exist on this tag (6A 82, 6B 00). */
export class TagAddressError extends TagCommandError {}

/** The bytes on the tag are not a valid NDEF structure (capability container, TLV or record). */
export class NdefFormatError extends NfcError {}

/** The NDEF message does not fit the tag, or the tag is read-only. */
export class NdefCapacityError extends NfcError {}

/** A page the NDEF write needs is locked (static or dynamic lock bits); nothing was written. */
export class TagPageLockedError extends NdefCapacityError {
  /** The first locked page the write would touch. */
  readonly page: number;

  constructor(message: string, page: number) {
    super(message);
    this.page = page;
  }
}

/** A sector trailer write that would lock the sector for good, refused without `force`. */
export class LockingTrailerError extends NfcError {}

/** The reader refused an escape command because its driver has escape commands turned off. */
export class EscapeDisabledError extends NfcError {
  /** The PC/SC call that failed, e.g. 'SCardControl'. */
  readonly call: string;

  constructor(message: string, call: string) {
    super(message);
    this.call = call;
  }
}

/** Four upper-case hex digits, e.g. '63 00'. */
export function swText(sw: number): string {
  return formatHex([sw >> 8, sw & 0xff]);
}

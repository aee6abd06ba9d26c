import type * as rc from './return-codes';

/**
 * The name of every SCARD_* code the library knows, e.g. `'SCARD_E_SHARING_VIOLATION'`.
 * SCARD_E_UNEXPECTED is left out: it shares its value with SCARD_E_UNSUPPORTED_FEATURE, the name
 * pcsc-lite (and so an error's `codeName`) uses for it.
 */
export type ScardCodeName = Exclude<keyof typeof rc, 'SCARD_E_UNEXPECTED'>;

/** The value of every SCARD_* code the library knows, e.g. `0x8010000b`. */
export type ScardCode = (typeof rc)[ScardCodeName];

/** A code PC/SC returned that the library does not know (e.g. a Windows-only one): a number, marked as such. */
export type UnlistedCode = number & {
  /** Only a marker: no such property exists at run time. */
  readonly unlistedScardCode: true;
};

/** How an unlisted code is named: its 32-bit hex value, e.g. `'0x80100032'`. */
export type UnlistedCodeName = `0x${string}`;

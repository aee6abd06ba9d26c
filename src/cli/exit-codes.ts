/** The `resilient-pcsc` exit codes (documented in the usage text). */
export const EXIT_OK = 0;
/** A PC/SC call failed: service unreachable, binding missing, connect or transmit refused. */
export const EXIT_PCSC_ERROR = 1;
/** Bad command line, unreadable script file, malformed APDU. */
export const EXIT_USAGE = 2;
/** No reader, the named reader does not exist, or no card in it. */
export const EXIT_NO_READER_OR_CARD = 3;

/** Numeric PC/SC constants as pcsc-lite defines them (pcsclite.h). */

/** Share mode: no other application may connect to the card. */
export const SCARD_SHARE_EXCLUSIVE = 0x0001;
/** Share mode: other applications may use the card too. */
export const SCARD_SHARE_SHARED = 0x0002;
/** Share mode: direct access to the reader, with or without a card. */
export const SCARD_SHARE_DIRECT = 0x0003;

/** No protocol (a direct connection). */
export const SCARD_PROTOCOL_UNDEFINED = 0x0000;
/** ISO 7816-3 T=0, character protocol. */
export const SCARD_PROTOCOL_T0 = 0x0001;
/** ISO 7816-3 T=1, block protocol. */
export const SCARD_PROTOCOL_T1 = 0x0002;
/** Raw exchange with the card, without a transmission protocol. */
export const SCARD_PROTOCOL_RAW = 0x0004;
/** T=15 (ISO 7816-3 global interface bytes follow). */
export const SCARD_PROTOCOL_T15 = 0x0008;
/** T=0 or T=1, whichever the card offers. */
export const SCARD_PROTOCOL_ANY = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;

/** Disposition: leave the card as it is. */
export const SCARD_LEAVE_CARD = 0x0000;
/** Disposition: warm-reset the card. */
export const SCARD_RESET_CARD = 0x0001;
/** Disposition: power the card down. */
export const SCARD_UNPOWER_CARD = 0x0002;
/** Disposition: eject the card (where the reader can). */
export const SCARD_EJECT_CARD = 0x0003;

/** Context scope: the user's domain. */
export const SCARD_SCOPE_USER = 0x0000;
/** Context scope: the terminal (unused by pcsc-lite). */
export const SCARD_SCOPE_TERMINAL = 0x0001;
/** Context scope: the system's domain. */
export const SCARD_SCOPE_SYSTEM = 0x0002;

/** dwCurrentState / dwEventState bits of SCARD_READERSTATE. */
export const SCARD_STATE_UNAWARE = 0x0000;
/** Reader state: ignore this reader. */
export const SCARD_STATE_IGNORE = 0x0001;
/** Reader state: differs from the state the caller passed in. */
export const SCARD_STATE_CHANGED = 0x0002;
/** Reader state: the reader is unknown. */
export const SCARD_STATE_UNKNOWN = 0x0004;
/** Reader state: the reader cannot be used. */
export const SCARD_STATE_UNAVAILABLE = 0x0008;
/** Reader state: no card in the reader. */
export const SCARD_STATE_EMPTY = 0x0010;
/** Reader state: a card is in the reader. */
export const SCARD_STATE_PRESENT = 0x0020;
/** Reader state: the card's ATR matches one the caller asked for. */
export const SCARD_STATE_ATRMATCH = 0x0040;
/** Reader state: an application holds the card exclusively. */
export const SCARD_STATE_EXCLUSIVE = 0x0080;
/** Reader state: applications are connected to the card. */
export const SCARD_STATE_INUSE = 0x0100;
/** Reader state: the card does not answer (no usable ATR). */
export const SCARD_STATE_MUTE = 0x0200;
/** Reader state: the card is not powered. */
export const SCARD_STATE_UNPOWERED = 0x0400;
/** pcsc-lite keeps an event counter in the upper 16 bits of dwEventState. */
export const SCARD_STATE_EVENT_COUNTER_SHIFT = 16;
/** The SCARD_STATE_* bits of a dwEventState, without the event counter. */
export const SCARD_STATE_FLAGS_MASK = 0xffff;

/** Card states reported by SCardStatus (pcsc-lite values). */
export const SCARD_UNKNOWN = 0x0001;
/** Card state: no card. */
export const SCARD_ABSENT = 0x0002;
/** Card state: a card is present. */
export const SCARD_PRESENT = 0x0004;
/** Card state: the card is inside but not powered. */
export const SCARD_SWALLOWED = 0x0008;
/** Card state: powered, not yet reset. */
export const SCARD_POWERED = 0x0010;
/** Card state: reset and waiting for protocol negotiation. */
export const SCARD_NEGOTIABLE = 0x0020;
/** Card state: reset and using a specific protocol. */
export const SCARD_SPECIFIC = 0x0040;

/** Timeout value: wait without limit. */
export const SCARD_INFINITE = 0xffffffff;
/** The pseudo-reader whose state changes when a reader is attached or detached. */
export const PNP_NOTIFICATION_READER = '\\\\?PnP?\\Notification';
/** The longest ATR, in bytes. */
export const MAX_ATR_SIZE = 33;

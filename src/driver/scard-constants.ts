/** Numeric PC/SC constants as pcsc-lite defines them (pcsclite.h). */

export const SCARD_SHARE_EXCLUSIVE = 0x0001;
export const SCARD_SHARE_SHARED = 0x0002;
export const SCARD_SHARE_DIRECT = 0x0003;

export const SCARD_PROTOCOL_UNDEFINED = 0x0000;
export const SCARD_PROTOCOL_T0 = 0x0001;
export const SCARD_PROTOCOL_T1 = 0x0002;
export const SCARD_PROTOCOL_RAW = 0x0004;
export const SCARD_PROTOCOL_T15 = 0x0008;
export const SCARD_PROTOCOL_ANY = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;

export const SCARD_LEAVE_CARD = 0x0000;
export const SCARD_RESET_CARD = 0x0001;
export const SCARD_UNPOWER_CARD = 0x0002;
export const SCARD_EJECT_CARD = 0x0003;

export const SCARD_SCOPE_USER = 0x0000;
export const SCARD_SCOPE_TERMINAL = 0x0001;
export const SCARD_SCOPE_SYSTEM = 0x0002;

/** dwCurrentState / dwEventState bits of SCARD_READERSTATE. */
export const SCARD_STATE_UNAWARE = 0x0000;
export const SCARD_STATE_IGNORE = 0x0001;
export const SCARD_STATE_CHANGED = 0x0002;
export const SCARD_STATE_UNKNOWN = 0x0004;
export const SCARD_STATE_UNAVAILABLE = 0x0008;
export const SCARD_STATE_EMPTY = 0x0010;
export const SCARD_STATE_PRESENT = 0x0020;
export const SCARD_STATE_ATRMATCH = 0x0040;
export const SCARD_STATE_EXCLUSIVE = 0x0080;
export const SCARD_STATE_INUSE = 0x0100;
export const SCARD_STATE_MUTE = 0x0200;
export const SCARD_STATE_UNPOWERED = 0x0400;
/** pcsc-lite keeps an event counter in the upper 16 bits of dwEventState. */
export const SCARD_STATE_EVENT_COUNTER_SHIFT = 16;
export const SCARD_STATE_FLAGS_MASK = 0xffff;

/** Card states reported by SCardStatus (pcsc-lite values). */
export const SCARD_UNKNOWN = 0x0001;
export const SCARD_ABSENT = 0x0002;
export const SCARD_PRESENT = 0x0004;
export const SCARD_SWALLOWED = 0x0008;
export const SCARD_POWERED = 0x0010;
export const SCARD_NEGOTIABLE = 0x0020;
export const SCARD_SPECIFIC = 0x0040;

export const SCARD_INFINITE = 0xffffffff;
export const PNP_NOTIFICATION_READER = '\\\\?PnP?\\Notification';
export const MAX_ATR_SIZE = 33;

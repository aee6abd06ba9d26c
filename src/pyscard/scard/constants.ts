/** The integer constants of PySCard's `smartcard.scard` module, with pcsc-lite's values. */
import * as rc from '../../driver/return-codes';

export {
  SCARD_S_SUCCESS,
  SCARD_F_INTERNAL_ERROR,
  SCARD_E_CANCELLED,
  SCARD_E_INVALID_HANDLE,
  SCARD_E_INVALID_PARAMETER,
  SCARD_E_INVALID_TARGET,
  SCARD_E_NO_MEMORY,
  SCARD_F_WAITED_TOO_LONG,
  SCARD_E_INSUFFICIENT_BUFFER,
  SCARD_E_UNKNOWN_READER,
  SCARD_E_TIMEOUT,
  SCARD_E_SHARING_VIOLATION,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_UNKNOWN_CARD,
  SCARD_E_CANT_DISPOSE,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_NOT_READY,
  SCARD_E_INVALID_VALUE,
  SCARD_E_SYSTEM_CANCELLED,
  SCARD_F_COMM_ERROR,
  SCARD_F_UNKNOWN_ERROR,
  SCARD_E_INVALID_ATR,
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_READER_UNAVAILABLE,
  SCARD_P_SHUTDOWN,
  SCARD_E_PCI_TOO_SMALL,
  SCARD_E_READER_UNSUPPORTED,
  SCARD_E_DUPLICATE_READER,
  SCARD_E_CARD_UNSUPPORTED,
  SCARD_E_NO_SERVICE,
  SCARD_E_SERVICE_STOPPED,
  SCARD_E_UNEXPECTED,
  SCARD_E_UNSUPPORTED_FEATURE,
  SCARD_E_ICC_INSTALLATION,
  SCARD_E_ICC_CREATEORDER,
  SCARD_E_DIR_NOT_FOUND,
  SCARD_E_FILE_NOT_FOUND,
  SCARD_E_NO_DIR,
  SCARD_E_NO_FILE,
  SCARD_E_NO_ACCESS,
  SCARD_E_WRITE_TOO_MANY,
  SCARD_E_BAD_SEEK,
  SCARD_E_INVALID_CHV,
  SCARD_E_UNKNOWN_RES_MNG,
  SCARD_E_NO_SUCH_CERTIFICATE,
  SCARD_E_CERTIFICATE_UNAVAILABLE,
  SCARD_E_NO_READERS_AVAILABLE,
  SCARD_E_COMM_DATA_LOST,
  SCARD_E_NO_KEY_CONTAINER,
  SCARD_E_SERVER_TOO_BUSY,
  SCARD_W_UNSUPPORTED_CARD,
  SCARD_W_UNRESPONSIVE_CARD,
  SCARD_W_UNPOWERED_CARD,
  SCARD_W_RESET_CARD,
  SCARD_W_REMOVED_CARD,
  SCARD_W_SECURITY_VIOLATION,
  SCARD_W_WRONG_CHV,
  SCARD_W_CHV_BLOCKED,
  SCARD_W_EOF,
  SCARD_W_CANCELLED_BY_USER,
  SCARD_W_CARD_NOT_AUTHENTICATED,
} from '../../driver/return-codes';

export {
  SCARD_SHARE_EXCLUSIVE,
  SCARD_SHARE_SHARED,
  SCARD_SHARE_DIRECT,
  SCARD_PROTOCOL_UNDEFINED,
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_PROTOCOL_RAW,
  SCARD_PROTOCOL_T15,
  SCARD_PROTOCOL_ANY,
  SCARD_LEAVE_CARD,
  SCARD_RESET_CARD,
  SCARD_UNPOWER_CARD,
  SCARD_EJECT_CARD,
  SCARD_SCOPE_USER,
  SCARD_SCOPE_TERMINAL,
  SCARD_SCOPE_SYSTEM,
  SCARD_STATE_UNAWARE,
  SCARD_STATE_IGNORE,
  SCARD_STATE_CHANGED,
  SCARD_STATE_UNKNOWN,
  SCARD_STATE_UNAVAILABLE,
  SCARD_STATE_EMPTY,
  SCARD_STATE_PRESENT,
  SCARD_STATE_ATRMATCH,
  SCARD_STATE_EXCLUSIVE,
  SCARD_STATE_INUSE,
  SCARD_STATE_MUTE,
  SCARD_STATE_UNPOWERED,
} from '../../driver/scard-constants';

/** No protocol negotiated yet (0). */
export const SCARD_PROTOCOL_UNSET = 0;
/** The 'optimal protocol' value, 0 as pcsc-lite defines it. */
export const SCARD_PROTOCOL_OPTIMAL = 0;
/** T=0 or T=1 (SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1). */
export const SCARD_PROTOCOL_Tx = 3;
/** PySCard's default protocol choice: T=0 or T=1. */
export const SCARD_PROTOCOL_DEFAULT = 3;

/** The protocol headers PySCard passes to SCardTransmit (SCARD_PCI_T0 and so on). */
export const SCARD_PCI_T0 = 1;
/** The T=1 protocol header. */
export const SCARD_PCI_T1 = 2;
/** The raw protocol header. */
export const SCARD_PCI_RAW = 4;

/** pcsc-lite's INFINITE timeout as PySCard exports it (not 0xFFFFFFFF). */
export const INFINITE = 0x7fffffff;
/** PySCard's name for SCARD_E_INVALID_HANDLE. */
export const INVALID_HANDLE = rc.SCARD_E_INVALID_HANDLE;

/** SCARD_CTL_CODE(code) as pcsc-lite defines it. */
export function SCARD_CTL_CODE(code: number): number {
  return 0x42000000 + code;
}

/** SCardGetAttrib: the reader vendor's name. */
export const SCARD_ATTR_VENDOR_NAME = 0x00010100;
/** SCardGetAttrib: the vendor's reader type (model). */
export const SCARD_ATTR_VENDOR_IFD_TYPE = 0x00010101;
/** SCardGetAttrib: the vendor's reader version. */
export const SCARD_ATTR_VENDOR_IFD_VERSION = 0x00010102;
/** SCardGetAttrib: the reader's serial number. */
export const SCARD_ATTR_VENDOR_IFD_SERIAL_NO = 0x00010103;
/** SCardGetAttrib: the reader's channel (type in the high word, number in the low word). */
export const SCARD_ATTR_CHANNEL_ID = 0x00020110;
/** SCardGetAttrib: the asynchronous protocols the reader supports (bit mask). */
export const SCARD_ATTR_ASYNC_PROTOCOL_TYPES = 0x00030120;
/** SCardGetAttrib: default clock rate, in kHz. */
export const SCARD_ATTR_DEFAULT_CLK = 0x00030121;
/** SCardGetAttrib: maximum clock rate, in kHz. */
export const SCARD_ATTR_MAX_CLK = 0x00030122;
/** SCardGetAttrib: default data rate, in bit/s. */
export const SCARD_ATTR_DEFAULT_DATA_RATE = 0x00030123;
/** SCardGetAttrib: maximum data rate, in bit/s. */
export const SCARD_ATTR_MAX_DATA_RATE = 0x00030124;
/** SCardGetAttrib: maximum IFSD (T=1 information field size of the reader), in bytes. */
export const SCARD_ATTR_MAX_IFSD = 0x00030125;
/** SCardGetAttrib: the synchronous protocols the reader supports (bit mask). */
export const SCARD_ATTR_SYNC_PROTOCOL_TYPES = 0x00030126;
/** SCardGetAttrib: whether the reader powers down an idle card (0: no). */
export const SCARD_ATTR_POWER_MGMT_SUPPORT = 0x00040131;
/** SCardGetAttrib: the reader's user-to-card authentication device. */
export const SCARD_ATTR_USER_TO_CARD_AUTH_DEVICE = 0x00050140;
/** SCardGetAttrib: the reader's user authentication input device. */
export const SCARD_ATTR_USER_AUTH_INPUT_DEVICE = 0x00050142;
/** SCardGetAttrib: the reader's mechanical characteristics (swallows, ejects, captures cards). */
export const SCARD_ATTR_CHARACTERISTICS = 0x00060150;
/** SCardGetAttrib: the protocol in use. */
export const SCARD_ATTR_CURRENT_PROTOCOL_TYPE = 0x00080201;
/** SCardGetAttrib: current clock rate, in kHz. */
export const SCARD_ATTR_CURRENT_CLK = 0x00080202;
/** SCardGetAttrib: current clock rate conversion factor F. */
export const SCARD_ATTR_CURRENT_F = 0x00080203;
/** SCardGetAttrib: current bit rate adjustment factor D. */
export const SCARD_ATTR_CURRENT_D = 0x00080204;
/** SCardGetAttrib: current extra guard time N. */
export const SCARD_ATTR_CURRENT_N = 0x00080205;
/** SCardGetAttrib: current work waiting time integer W (T=0). */
export const SCARD_ATTR_CURRENT_W = 0x00080206;
/** SCardGetAttrib: current IFSC, the card's information field size (T=1). */
export const SCARD_ATTR_CURRENT_IFSC = 0x00080207;
/** SCardGetAttrib: current IFSD, the reader's information field size (T=1). */
export const SCARD_ATTR_CURRENT_IFSD = 0x00080208;
/** SCardGetAttrib: current block waiting time (T=1). */
export const SCARD_ATTR_CURRENT_BWT = 0x00080209;
/** SCardGetAttrib: current character waiting time (T=1). */
export const SCARD_ATTR_CURRENT_CWT = 0x0008020a;
/** SCardGetAttrib: current error detection code, LRC or CRC (T=1). */
export const SCARD_ATTR_CURRENT_EBC_ENCODING = 0x0008020b;
/** SCardGetAttrib: extended block waiting time. */
export const SCARD_ATTR_EXTENDED_BWT = 0x0008020c;
/** SCardGetAttrib: whether a card is present (0 none, 1 present, 2 swallowed, 4 confiscated). */
export const SCARD_ATTR_ICC_PRESENCE = 0x00090300;
/** SCardGetAttrib: whether the card's contacts are active. */
export const SCARD_ATTR_ICC_INTERFACE_STATUS = 0x00090301;
/** SCardGetAttrib: the current state of the I/O line. */
export const SCARD_ATTR_CURRENT_IO_STATE = 0x00090302;
/** SCardGetAttrib: the card's Answer To Reset. */
export const SCARD_ATTR_ATR_STRING = 0x00090303;
/** SCardGetAttrib: the card type the ATR indicates. */
export const SCARD_ATTR_ICC_TYPE_PER_ATR = 0x00090304;
/** Vendor escape attribute: reset. */
export const SCARD_ATTR_ESC_RESET = 0x0007a000;
/** Vendor escape attribute: cancel. */
export const SCARD_ATTR_ESC_CANCEL = 0x0007a003;
/** Vendor escape attribute: authentication request. */
export const SCARD_ATTR_ESC_AUTHREQUEST = 0x0007a005;
/** Vendor escape attribute: maximum input length. */
export const SCARD_ATTR_MAXINPUT = 0x0007a007;
/** SCardGetAttrib: the reader's instance number. */
export const SCARD_ATTR_DEVICE_UNIT = 0x7fff0001;
/** SCardGetAttrib: whether the reader is in use. */
export const SCARD_ATTR_DEVICE_IN_USE = 0x7fff0002;
/** SCardGetAttrib: the reader's display name (8-bit text). */
export const SCARD_ATTR_DEVICE_FRIENDLY_NAME_A = 0x7fff0003;
/** SCardGetAttrib: the reader's system name (8-bit text). */
export const SCARD_ATTR_DEVICE_SYSTEM_NAME_A = 0x7fff0004;
/** SCardGetAttrib: the reader's display name (wide text). */
export const SCARD_ATTR_DEVICE_FRIENDLY_NAME_W = 0x7fff0005;
/** SCardGetAttrib: the reader's system name (wide text). */
export const SCARD_ATTR_DEVICE_SYSTEM_NAME_W = 0x7fff0006;
/** SCardSetAttrib: do not send the T=1 IFS request. */
export const SCARD_ATTR_SUPRESS_T1_IFS_REQUEST = 0x7fff0007;
/** SCardGetAttrib: the reader's display name (the 8-bit variant, as pcsc-lite defines it). */
export const SCARD_ATTR_DEVICE_FRIENDLY_NAME = SCARD_ATTR_DEVICE_FRIENDLY_NAME_A;
/** SCardGetAttrib: the reader's system name (the 8-bit variant, as pcsc-lite defines it). */
export const SCARD_ATTR_DEVICE_SYSTEM_NAME = SCARD_ATTR_DEVICE_SYSTEM_NAME_A;

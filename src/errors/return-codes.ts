/** SCARD_* return codes from pcsc-lite's pcsclite.h; the driver layer speaks only these numbers. */
export const SCARD_S_SUCCESS = 0x00000000;
/** Internal error. */
export const SCARD_F_INTERNAL_ERROR = 0x80100001;
/** Command cancelled. */
export const SCARD_E_CANCELLED = 0x80100002;
/** Invalid handle. */
export const SCARD_E_INVALID_HANDLE = 0x80100003;
/** Invalid parameter given. */
export const SCARD_E_INVALID_PARAMETER = 0x80100004;
/** Invalid target given. */
export const SCARD_E_INVALID_TARGET = 0x80100005;
/** Not enough memory. */
export const SCARD_E_NO_MEMORY = 0x80100006;
/** Waited too long. */
export const SCARD_F_WAITED_TOO_LONG = 0x80100007;
/** Insufficient buffer. */
export const SCARD_E_INSUFFICIENT_BUFFER = 0x80100008;
/** Unknown reader specified. */
export const SCARD_E_UNKNOWN_READER = 0x80100009;
/** Command timeout. */
export const SCARD_E_TIMEOUT = 0x8010000a;
/** Sharing violation. */
export const SCARD_E_SHARING_VIOLATION = 0x8010000b;
/** No smart card inserted. */
export const SCARD_E_NO_SMARTCARD = 0x8010000c;
/** Unknown card. */
export const SCARD_E_UNKNOWN_CARD = 0x8010000d;
/** Cannot dispose handle. */
export const SCARD_E_CANT_DISPOSE = 0x8010000e;
/** Card protocol mismatch. */
export const SCARD_E_PROTO_MISMATCH = 0x8010000f;
/** Subsystem not ready. */
export const SCARD_E_NOT_READY = 0x80100010;
/** Invalid value given. */
export const SCARD_E_INVALID_VALUE = 0x80100011;
/** System cancelled. */
export const SCARD_E_SYSTEM_CANCELLED = 0x80100012;
/** RPC transport error. */
export const SCARD_F_COMM_ERROR = 0x80100013;
/** Unknown error. */
export const SCARD_F_UNKNOWN_ERROR = 0x80100014;
/** Invalid ATR. */
export const SCARD_E_INVALID_ATR = 0x80100015;
/** Transaction failed. */
export const SCARD_E_NOT_TRANSACTED = 0x80100016;
/** Reader is unavailable. */
export const SCARD_E_READER_UNAVAILABLE = 0x80100017;
/** PCSC shutdown. */
export const SCARD_P_SHUTDOWN = 0x80100018;
/** PCI struct too small. */
export const SCARD_E_PCI_TOO_SMALL = 0x80100019;
/** Reader is unsupported. */
export const SCARD_E_READER_UNSUPPORTED = 0x8010001a;
/** Reader already exists. */
export const SCARD_E_DUPLICATE_READER = 0x8010001b;
/** Card is unsupported. */
export const SCARD_E_CARD_UNSUPPORTED = 0x8010001c;
/** Service not available. */
export const SCARD_E_NO_SERVICE = 0x8010001d;
/** Service was stopped. */
export const SCARD_E_SERVICE_STOPPED = 0x8010001e;
/** An unexpected card error (Windows' name for 0x8010001F, the same value as SCARD_E_UNSUPPORTED_FEATURE). */
export const SCARD_E_UNEXPECTED = 0x8010001f;
/** Feature not supported. */
export const SCARD_E_UNSUPPORTED_FEATURE = 0x8010001f;
/** Cannot find a smart card reader. */
export const SCARD_E_ICC_INSTALLATION = 0x80100020;
/** The requested order of object creation is not supported. */
export const SCARD_E_ICC_CREATEORDER = 0x80100021;
/** The identified directory does not exist in the smart card. */
export const SCARD_E_DIR_NOT_FOUND = 0x80100023;
/** The identified file does not exist in the smart card. */
export const SCARD_E_FILE_NOT_FOUND = 0x80100024;
/** The supplied path does not represent a smart card directory. */
export const SCARD_E_NO_DIR = 0x80100025;
/** The supplied path does not represent a smart card file. */
export const SCARD_E_NO_FILE = 0x80100026;
/** Access is denied to this file. */
export const SCARD_E_NO_ACCESS = 0x80100027;
/** The smart card does not have enough memory to store the information. */
export const SCARD_E_WRITE_TOO_MANY = 0x80100028;
/** There was an error trying to set the smart card file object pointer. */
export const SCARD_E_BAD_SEEK = 0x80100029;
/** The supplied PIN is incorrect. */
export const SCARD_E_INVALID_CHV = 0x8010002a;
/** An unrecognized error code was returned. */
export const SCARD_E_UNKNOWN_RES_MNG = 0x8010002b;
/** The requested certificate does not exist. */
export const SCARD_E_NO_SUCH_CERTIFICATE = 0x8010002c;
/** The requested certificate could not be obtained. */
export const SCARD_E_CERTIFICATE_UNAVAILABLE = 0x8010002d;
/** Cannot find a smart card reader. */
export const SCARD_E_NO_READERS_AVAILABLE = 0x8010002e;
/** A communications error with the smart card has been detected. */
export const SCARD_E_COMM_DATA_LOST = 0x8010002f;
/** The requested key container does not exist on the smart card. */
export const SCARD_E_NO_KEY_CONTAINER = 0x80100030;
/** The smart card resource manager is too busy to complete this operation. */
export const SCARD_E_SERVER_TOO_BUSY = 0x80100031;
/** Card is not supported. */
export const SCARD_W_UNSUPPORTED_CARD = 0x80100065;
/** Card is unresponsive. */
export const SCARD_W_UNRESPONSIVE_CARD = 0x80100066;
/** Card is unpowered. */
export const SCARD_W_UNPOWERED_CARD = 0x80100067;
/** Card was reset. */
export const SCARD_W_RESET_CARD = 0x80100068;
/** Card was removed. */
export const SCARD_W_REMOVED_CARD = 0x80100069;
/** Access was denied because of a security violation. */
export const SCARD_W_SECURITY_VIOLATION = 0x8010006a;
/** The card cannot be accessed because the wrong PIN was presented. */
export const SCARD_W_WRONG_CHV = 0x8010006b;
/** The card cannot be accessed because the maximum number of PIN entry attempts has been reached. */
export const SCARD_W_CHV_BLOCKED = 0x8010006c;
/** The end of the smart card file has been reached. */
export const SCARD_W_EOF = 0x8010006d;
/** The user pressed "Cancel" on a Smart Card Selection Dialog. */
export const SCARD_W_CANCELLED_BY_USER = 0x8010006e;
/** No PIN was presented to the smart card. */
export const SCARD_W_CARD_NOT_AUTHENTICATED = 0x8010006f;

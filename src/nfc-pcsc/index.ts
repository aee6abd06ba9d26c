export { NFC } from './nfc';
export type { NfcEvents } from './nfc';
export { Reader } from './reader';
export type { ReaderEvents, ReaderDevice, KeyInput, Aid } from './reader';
export { ACR122Reader } from './acr122-reader';
export { TAG_ISO_14443_3, TAG_ISO_14443_4, KEY_TYPE_A, KEY_TYPE_B, CONNECT_MODE_CARD, CONNECT_MODE_DIRECT } from './card-info';
export type { NfcCard, NfcConnection, TagStandard } from './card-info';
export type { NfcLogger } from './logger';
export {
  UNKNOWN_ERROR,
  FAILURE,
  CARD_NOT_CONNECTED,
  OPERATION_FAILED,
  BaseError,
  TransmitError,
  ControlError,
  ReadError,
  WriteError,
  LoadAuthenticationKeyError,
  AuthenticationError,
  ConnectError,
  DisconnectError,
  GetUIDError,
} from './errors';

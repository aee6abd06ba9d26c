export * from './constants';
export { SCardGetErrorMessage } from './error-message';
export { error } from './scard-error';
export {
  SCardEstablishContext,
  SCardReleaseContext,
  SCardIsValidContext,
  SCardListReaders,
  SCardListReaderGroups,
  SCardCancel,
  SCardGetStatusChange,
} from './context-functions';
export type { ReaderStateIn, ReaderStateOut } from './context-functions';
export {
  SCardConnect,
  SCardReconnect,
  SCardDisconnect,
  SCardStatus,
  SCardTransmit,
  SCardControl,
  SCardGetAttrib,
  SCardSetAttrib,
  SCardBeginTransaction,
  SCardEndTransaction,
} from './card-functions';

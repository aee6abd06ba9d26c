// `resilient-pcsc`: what an application needs. The port, adapters, decorators and SCARD_* tables
// are in `resilient-pcsc/driver`; every name here is pinned by test/unit/entries.
export { Pcsc } from './compose/pcsc';
export type { OpenOptions } from './compose/pcsc';
export type { ConnectOptions, ServiceOptions } from './core/pcsc';
export type { DriverSelection, DriverPassedOver } from './core/composed-driver';
export { Card } from './core/card';
export type { CardStatus, TransmitOptions } from './core/card';
export type { BatchResult, TransmitBatchOptions } from './core/transmit-batch-run';
export type { CardState } from './core/card-state';
export type { TransactionOptions, TransactionScope } from './core/transaction-options';
export type { CardRemovedReason, PcscEvent, PcscEvents, QuirkNotice } from './core/pcsc-events';
export type { RecoveryOptions } from './core/recovery/recovery-options';
export type { MonitorOptions } from './core/monitor/monitor-host';
export type { WaitForCardOptions } from './core/wait-for-card';
export type { ReaderInfo, ReaderState } from './core/reader-info';
export type { ShareMode, Protocol, Disposition, Initialization } from './core/share-protocol';
export {
  PcscError,
  SharingViolationError,
  CardResetError,
  CardUnpoweredError,
  CardRemovedError,
  NoServiceError,
  ServiceStoppedError,
  NoReadersError,
  ProtocolMismatchError,
  NoSmartcardError,
  UnknownReaderError,
  ReaderUnavailableError,
  UnsupportedFeatureError,
  InvalidHandleError,
  CancelledError,
  SystemCancelledError,
  CancelledByUserError,
  InvalidParameterError,
  InvalidValueError,
  CardCommunicationError,
  LibraryError,
  ClosedError,
  ForkedContextError,
  WorkerCrashedError,
  AbortedError,
  TimeoutError,
  WaitedTooLongError,
} from './errors/pcsc-error';
export type { LibraryReason, PcscErrorOptions, FixedCodeErrorClass } from './errors/pcsc-error';
export type { ScardCode, ScardCodeName, UnlistedCode, UnlistedCodeName } from './errors/code-types';
export { ApduError } from './errors/apdu-error';
export { InvalidArgumentError } from './errors/invalid-argument-error';
export { CommandApdu } from './apdu/command-apdu';
export type { ApduInput, CommandApduSpec } from './apdu/command-apdu';
export type { ApduCase } from './apdu/command-layout';
export type { ByteInput } from './apdu/byte-input';
export { ResponseApdu } from './apdu/response-apdu';
export { describeStatusWord } from './apdu/status-words';
export { GetResponseLimitError } from './apdu/get-response-limit-error';
export { formatHex, formatHexByte, parseHexBytes } from './apdu/hex';
export { parseAtr } from './atr/parse-atr';
export { describeAtr } from './atr/describe-atr';
export { lookupAtr } from './atr/lookup-atr';
export type { AtrMatch, LookupAtrOptions } from './atr/lookup-atr';
export { AtrError } from './atr/atr-error';
export type { AtrInput } from './atr/atr-input';
export type { Convention, InterfaceGroup, ParsedAtr, SpecificMode } from './atr/atr-types';
export type { TransmissionParameters } from './atr/transmission-tables';
export type { DriverChoice, DriverName, Isolation } from './compose/open-driver';
export type { QuirkId, QuirkProfile, QuirksOption, WorkaroundId, WorkaroundSwitches } from './quirks';
export { DriverUnavailableError } from './driver/driver-unavailable-error';
export type { DriverUnavailableReason } from './driver/driver-unavailable-error';
export type { ApduTraceEntry, TraceOption } from './driver/tracing-driver';

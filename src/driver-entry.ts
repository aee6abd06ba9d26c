// `resilient-pcsc/driver`: for people who implement, wrap or compose drivers.
export type {
  PcscDriver,
  DriverCapabilities,
  DriverPlatform,
  Outcome,
  BatchControl,
  ContextId,
  HandleId,
  ReaderStateQuery,
  ReaderStateResult,
  ConnectResult,
  CardStatusResult,
} from './driver/pcsc-driver';
export { succeed, fail } from './driver/pcsc-driver';
export { ForwardingDriver } from './driver/forwarding-driver';
export type { EventCounterCheck, GuardedTransmitResult, GuardedTransmitter, StatusCheck, TransmitCheck } from './driver/guarded-transmit';
export { TracingDriver, withTracing } from './driver/tracing-driver';
export type { ApduTraceEntry, PortCallLog, TraceOption } from './driver/tracing-driver';
export { DriverUnavailableError } from './driver/driver-unavailable-error';
export { defaultReceiveLength } from './driver/receive-length';
export type { UsbDevice } from './driver/usb-devices';
export { PcscdDriver, type PcscdDriverOptions } from './adapters/pcscd/pcscd-driver';
export type { NegotiatedVersion } from './adapters/pcscd/context-link';
export { PcscdProtocolError } from './adapters/pcscd/pcscd-protocol-error';
export { pcscdAnswers, type PcscdAnswer, type PcscdRefusal } from './adapters/pcscd/pcscd-answers';
export { PcscliteDriver } from './adapters/pcsclite/pcsclite-driver';
export { SmartcardDriver } from './adapters/smartcard/smartcard-driver';
export { WinscardDriver } from './adapters/winscard/winscard-driver';
export type { WinscardDriverOptions } from './adapters/winscard/winscard-driver';
export { WorkerDriver } from './adapters/worker';
export type { WorkerDriverSpec, WorkerLaunch, WorkerModuleSpec, WorkerStartOptions } from './adapters/worker';
export { DRIVER_BINDINGS, AUTO_ORDER, DRIVER_NAMES } from './compose/driver-bindings';
export type { DriverBinding, DriverBindings, DriverName, DriverSettings } from './compose/driver-bindings';
export { openDriver } from './compose/open-driver';
export type { DriverChoice, DriverOptions, Isolation, OpenedDriver } from './compose/open-driver';
export * as constants from './driver/scard-constants';
export * as returnCodes from './driver/return-codes';
export * from './quirks';
export type { QuirkNoticeSink } from './quirks/quirk-notice';

// `resilient-pcsc/driver`: for people who implement, wrap or compose drivers: the port and its
// helpers, the decorators (tracing, quirk workarounds), the adapters, openDriver, the SCARD_* tables,
// and errorFromCode/describeCode to turn a port's return code into the library's error.
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
export type { DriverUnavailableOptions, DriverUnavailableReason } from './driver/driver-unavailable-error';
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
export { withQuirks } from './quirks/apply-quirks';
export { resolveQuirkProfile } from './quirks/quirk-profile';
export { QUIRKS } from './quirks/registry';
export type { QuirkEntry, QuirkId, WorkaroundId } from './quirks/registry';
export type { QuirkProfile, QuirksOption, WorkaroundSwitches } from './quirks/quirk-profile';
export type { QuirkNotice, QuirkNoticeSink } from './quirks/quirk-notice';
export { errorFromCode, describeCode, type CodeEntry } from './errors/error-table';

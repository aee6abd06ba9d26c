export { Pcsc } from './core/pcsc';
export type { OpenOptions, ConnectOptions } from './core/pcsc';
export { Card } from './core/card';
export type { CardStatus, TransmitOptions } from './core/card';
export type { PcscEvent, PcscEvents, QuirkNotice } from './core/pcsc-events';
export type { RecoveryOptions } from './core/recovery/recovery-options';
export type { MonitorOptions } from './core/monitor/monitor-host';
export type { WaitForCardOptions } from './core/wait-for-card';
export type { ReaderInfo, ReaderState } from './core/reader-info';
export type { ShareMode, Protocol, Disposition, Initialization } from './core/share-protocol';
export * from './errors';
export * from './apdu';
export * from './atr';
export type {
  PcscDriver,
  DriverCapabilities,
  DriverPlatform,
  Outcome,
  ContextId,
  HandleId,
  ReaderStateQuery,
  ReaderStateResult,
  ConnectResult,
  CardStatusResult,
} from './driver/pcsc-driver';
export { ForwardingDriver } from './driver/forwarding-driver';
export { DriverUnavailableError } from './driver/driver-unavailable-error';
export { PcscliteDriver } from './driver/adapters/pcsclite/pcsclite-driver';
export { SmartcardDriver } from './driver/adapters/smartcard/smartcard-driver';
export { WorkerDriver } from './driver/adapters/worker';
export type { WorkerDriverSpec, WorkerLaunch, WorkerModuleSpec, WorkerStartOptions } from './driver/adapters/worker';
export * as constants from './driver/scard-constants';
export * as returnCodes from './driver/return-codes';
export * from './quirks';

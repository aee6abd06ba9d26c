/**
 * PySCard-shaped facade: the names of smartcard.System, smartcard.util, smartcard.CardRequest,
 * smartcard.CardType, smartcard.CardMonitoring, smartcard.CardConnectionDecorator,
 * smartcard.ExclusiveConnectCardConnection, smartcard.ExclusiveTransmitCardConnection,
 * smartcard.ReaderMonitoring, smartcard.Exceptions, smartcard.sw and smartcard.scard. Calls that reach PC/SC return promises.
 */
export { configure, shutdown, getPcsc } from './context';
export type { PyscardOptions } from './context';

export { readers, readergroups, listReaders } from './system';
export { Reader } from './reader';
export { CardConnection } from './card-connection';
export type { TransmitResult, ConnectArguments } from './card-connection';
export { CardConnectionDecorator } from './card-connection-decorator';
export { ExclusiveConnectCardConnection } from './exclusive-connect-card-connection';
export { ExclusiveTransmitCardConnection } from './exclusive-transmit-card-connection';
export { CardConnectionEvent } from './card-connection-event';
export type { CardConnectionEventType } from './card-connection-event';
export { CardConnectionObserver, ConsoleCardConnectionObserver } from './card-connection-observer';
export type { ObservedConnection } from './card-connection-observer';
export { Observable } from './observer';
export type { Observer } from './observer';

export { Card } from './card';
export { CardType, AnyCardType, ATRCardType } from './card-type';
export { CardService, PassThruCardService } from './card-service';
export type { CardServiceClass } from './card-service';
export { CardRequest } from './card-request';
export type { CardRequestOptions } from './card-request';
export { CardMonitor, CardObserver } from './card-monitoring';
export type { CardChanges, CardMonitorOptions } from './card-monitoring';
export { ReaderMonitor, ReaderObserver } from './reader-monitoring';
export type { ReaderChanges, ReaderMonitorOptions } from './reader-monitoring';
export { PollingReaderStateSource } from './reader-state-source';
export type { ReaderStateSource, PollingOptions } from './reader-state-source';
export { Session } from './session';
export { ATR } from './atr';
export * from './pcsc-part10';
export * as PCSCPart10 from './pcsc-part10';

export * from './exceptions';
export { BaseSCardException, EstablishContextException, ReleaseContextException } from './pcsc-exceptions';

export * from './util';
export * as util from './util';
export * from './scard';
export * as scard from './scard';
export * from './sw';
export * as sw from './sw';

export { print, pyRepr, pyStr, pyTuple, PY_REPR } from './python-text';
export type { PythonRepresentable } from './python-text';

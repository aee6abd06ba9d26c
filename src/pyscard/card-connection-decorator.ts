import type { CardConnection, ConnectArguments, TransmitResult } from './card-connection';
import type { CardConnectionEvent } from './card-connection-event';
import type { Observer } from './observer';
import type { ErrorCheckingChain } from './sw/error-checking-chain';
import type { SWException } from './sw/sw-exceptions';
import type { ByteList } from './util/hex-string';

type Optional<T> = T | null | undefined;

/** PySCard's CardConnectionDecorator: forwards every call to `component`; subclasses override some. */
export class CardConnectionDecorator {
  constructor(readonly component: CardConnection) {}

  addSWExceptionToFilter(exClass: abstract new (...args: never[]) => SWException): void {
    this.component.addSWExceptionToFilter(exClass);
  }
  addObserver(observer: Observer<CardConnection, CardConnectionEvent>): void {
    this.component.addObserver(observer);
  }
  deleteObserver(observer: Observer<CardConnection, CardConnectionEvent>): void {
    this.component.deleteObserver(observer);
  }
  connect(protocol?: Optional<number> | ConnectArguments, mode?: Optional<number>, disposition?: Optional<number>): Promise<void> {
    return this.component.connect(protocol, mode, disposition);
  }
  reconnect(protocol?: Optional<number> | ConnectArguments, mode?: Optional<number>, disposition?: Optional<number>): Promise<void> {
    return this.component.reconnect(protocol, mode, disposition);
  }
  disconnect(): Promise<void> {
    return this.component.disconnect();
  }
  release(): Promise<void> {
    return this.component.release();
  }
  getATR(): Promise<number[]> {
    return this.component.getATR();
  }
  getProtocol(): number {
    return this.component.getProtocol();
  }
  getReader(): string {
    return this.component.getReader();
  }
  setErrorCheckingChain(errorcheckingchain: ErrorCheckingChain[] | null): void {
    this.component.setErrorCheckingChain(errorcheckingchain);
  }
  setProtocol(protocol: number): void {
    this.component.setProtocol(protocol);
  }
  transmit(bytes: ByteList, protocol?: Optional<number>): Promise<TransmitResult> {
    return this.component.transmit(bytes, protocol);
  }
  control(controlCode: number, bytes: ByteList = []): Promise<number[]> {
    return this.component.control(controlCode, bytes);
  }
  getAttrib(attribId: number): Promise<number[]> {
    return this.component.getAttrib(attribId);
  }
}

import type { CardConnection, ConnectArguments, TransmitResult } from './card-connection';
import type { CardConnectionEvent } from './card-connection-event';
import type { Observer } from './observer';
import type { ErrorCheckingChain } from './sw/error-checking-chain';
import type { SWExceptionFilter } from './sw/sw-exceptions';
import type { ByteList } from './util/hex-string';

/** PySCard's CardConnectionDecorator: forwards every call to `component`; subclasses override some. */
export class CardConnectionDecorator {
  /** @param component - The connection (or decorated connection) every call is forwarded to. */
  constructor(readonly component: CardConnection) {}

  /** Forwards to the component's addSWExceptionToFilter. */
  addSWExceptionToFilter(exClass: SWExceptionFilter): void {
    this.component.addSWExceptionToFilter(exClass);
  }
  /** Adds an observer to the component's events. */
  addObserver(observer: Observer<CardConnection, CardConnectionEvent>): void {
    this.component.addObserver(observer);
  }
  /** Removes an observer from the component's events. */
  deleteObserver(observer: Observer<CardConnection, CardConnectionEvent>): void {
    this.component.deleteObserver(observer);
  }
  /** Forwards to the component's connect. */
  connect(protocol?: number | null | ConnectArguments, mode?: number | null, disposition?: number | null): Promise<void> {
    return this.component.connect(protocol, mode, disposition);
  }
  /** Forwards to the component's reconnect. */
  reconnect(protocol?: number | null | ConnectArguments, mode?: number | null, disposition?: number | null): Promise<void> {
    return this.component.reconnect(protocol, mode, disposition);
  }
  /** Forwards to the component's disconnect. */
  disconnect(): Promise<void> {
    return this.component.disconnect();
  }
  /** Forwards to the component's release. */
  release(): Promise<void> {
    return this.component.release();
  }
  /** Forwards to the component's getATR. */
  getATR(): Promise<number[]> {
    return this.component.getATR();
  }
  /** Forwards to the component's getProtocol. */
  getProtocol(): number {
    return this.component.getProtocol();
  }
  /** Forwards to the component's getReader. */
  getReader(): string {
    return this.component.getReader();
  }
  /** Forwards to the component's setErrorCheckingChain. */
  setErrorCheckingChain(errorcheckingchain: ErrorCheckingChain[] | null): void {
    this.component.setErrorCheckingChain(errorcheckingchain);
  }
  /** Forwards to the component's setProtocol. */
  setProtocol(protocol: number): void {
    this.component.setProtocol(protocol);
  }
  /** Forwards to the component's transmit. */
  transmit(bytes: ByteList, protocol?: number | null): Promise<TransmitResult> {
    return this.component.transmit(bytes, protocol);
  }
  /** Forwards to the component's control. */
  control(controlCode: number, bytes: ByteList = []): Promise<number[]> {
    return this.component.control(controlCode, bytes);
  }
  /** Forwards to the component's getAttrib. */
  getAttrib(attribId: number): Promise<number[]> {
    return this.component.getAttrib(attribId);
  }
}

import { CardConnection, type ConnectArguments, type TransmitResult } from './card-connection';
import type { CardConnectionEvent } from './card-connection-event';
import type { Observer } from './observer';
import type { ErrorCheckingChain } from './sw/error-checking-chain';
import type { SWExceptionFilter } from './sw/sw-exceptions';
import type { ByteList } from './util/hex-string';

/**
 * PySCard's CardConnectionDecorator: forwards every call to `component`; subclasses override some.
 * As in PySCard it is itself a CardConnection, so decorators nest and take a connection's place.
 */
export class CardConnectionDecorator extends CardConnection {
  /** The decorated connection: every call the decorator does not override goes to it. */
  readonly component: CardConnection;

  /** @param component - The connection (or decorated connection) every call is forwarded to. */
  constructor(component: CardConnection) {
    super(component.getReader());
    this.component = component;
  }

  /** Forwards to the component's addSWExceptionToFilter. */
  override addSWExceptionToFilter(exClass: SWExceptionFilter): void {
    this.component.addSWExceptionToFilter(exClass);
  }
  /** Adds an observer to the component's events. */
  override addObserver(observer: Observer<CardConnection, CardConnectionEvent>): void {
    this.component.addObserver(observer);
  }
  /** Removes an observer from the component's events. */
  override deleteObserver(observer: Observer<CardConnection, CardConnectionEvent>): void {
    this.component.deleteObserver(observer);
  }
  /** Forwards to the component's connect. */
  override connect(protocol?: number | null | ConnectArguments, mode?: number | null, disposition?: number | null): Promise<void> {
    return this.component.connect(protocol, mode, disposition);
  }
  /** Forwards to the component's reconnect. */
  override reconnect(protocol?: number | null | ConnectArguments, mode?: number | null, disposition?: number | null): Promise<void> {
    return this.component.reconnect(protocol, mode, disposition);
  }
  /** Forwards to the component's disconnect. */
  override disconnect(): Promise<void> {
    return this.component.disconnect();
  }
  /** Forwards to the component's release. */
  override release(): Promise<void> {
    return this.component.release();
  }
  /** Forwards to the component's getATR. */
  override getATR(): Promise<number[]> {
    return this.component.getATR();
  }
  /** Forwards to the component's getProtocol. */
  override getProtocol(): number {
    return this.component.getProtocol();
  }
  /** Forwards to the component's getReader. */
  override getReader(): string {
    return this.component.getReader();
  }
  /** Forwards to the component's setErrorCheckingChain. */
  override setErrorCheckingChain(errorcheckingchain: ErrorCheckingChain[] | null): void {
    this.component.setErrorCheckingChain(errorcheckingchain);
  }
  /** Forwards to the component's setProtocol. */
  override setProtocol(protocol: number): void {
    this.component.setProtocol(protocol);
  }
  /** Forwards to the component's transmit. */
  override transmit(bytes: ByteList, protocol?: number | null): Promise<TransmitResult> {
    return this.component.transmit(bytes, protocol);
  }
  /** Forwards to the component's control. */
  override control(controlCode: number, bytes: ByteList = []): Promise<number[]> {
    return this.component.control(controlCode, bytes);
  }
  /** Forwards to the component's getAttrib. */
  override getAttrib(attribId: number): Promise<number[]> {
    return this.component.getAttrib(attribId);
  }
}

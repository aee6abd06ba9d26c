import type {
  BatchControl,
  CardStatusResult,
  ConnectResult,
  ContextId,
  DriverCapabilities,
  DriverPlatform,
  HandleId,
  Outcome,
  PcscDriver,
  ReaderStateQuery,
  ReaderStateResult,
} from './pcsc-driver';
import { transmitBatchOf, transmitOneByOne } from './transmit-batch';
import type { UsbDevice } from './usb-devices';

/** A driver that passes every call to another one; decorators override what they change. */
export class ForwardingDriver implements PcscDriver {
  readonly usbDevices?: () => Promise<readonly UsbDevice[]>;

  constructor(protected readonly inner: PcscDriver) {
    // Optional in the port: present here exactly when the driver below has it.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(inner) below
    const list = inner.usbDevices;
    if (list) this.usbDevices = () => list.call(inner);
  }

  get name(): string {
    return this.inner.name;
  }
  /** The wrapped driver's platform. */
  get platform(): DriverPlatform {
    return this.inner.platform;
  }
  /** The wrapped driver's capabilities. */
  get capabilities(): DriverCapabilities {
    return this.inner.capabilities;
  }

  establishContext(): Promise<Outcome<ContextId>> {
    return this.inner.establishContext();
  }
  releaseContext(context: ContextId): Promise<number> {
    return this.inner.releaseContext(context);
  }
  listReaders(context: ContextId): Promise<Outcome<readonly string[]>> {
    return this.inner.listReaders(context);
  }
  getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    return this.inner.getStatusChange(context, readers, timeoutMs);
  }
  cancel(context: ContextId): Promise<number> {
    return this.inner.cancel(context);
  }
  connect(context: ContextId, reader: string, shareMode: number, preferredProtocols: number): Promise<Outcome<ConnectResult>> {
    return this.inner.connect(context, reader, shareMode, preferredProtocols);
  }
  reconnect(handle: HandleId, shareMode: number, preferredProtocols: number, initialization: number): Promise<Outcome<number>> {
    return this.inner.reconnect(handle, shareMode, preferredProtocols, initialization);
  }
  status(handle: HandleId): Promise<Outcome<CardStatusResult>> {
    return this.inner.status(handle);
  }
  transmit(handle: HandleId, protocol: number, command: Uint8Array, receiveLength?: number): Promise<Outcome<Uint8Array>> {
    return this.inner.transmit(handle, protocol, command, receiveLength);
  }
  /**
   * The driver below's batch, when this decorator leaves transmit() alone. A decorator that changes
   * transmit() gets each command through its own transmit(), one after the other, unless it
   * overrides this method too: no command can slip past a workaround.
   */
  transmitBatch(handle: HandleId, protocol: number, commands: readonly Uint8Array[], control: BatchControl): Promise<readonly Outcome<Uint8Array>[]> {
    if (this.transmit !== ForwardingDriver.prototype.transmit) return transmitOneByOne(this, handle, protocol, commands, control);
    return transmitBatchOf(this.inner)(handle, protocol, commands, control);
  }
  control(handle: HandleId, controlCode: number, data: Uint8Array): Promise<Outcome<Uint8Array>> {
    return this.inner.control(handle, controlCode, data);
  }
  getAttribute(handle: HandleId, attributeId: number): Promise<Outcome<Uint8Array>> {
    return this.inner.getAttribute(handle, attributeId);
  }
  setAttribute(handle: HandleId, attributeId: number, value: Uint8Array): Promise<number> {
    return this.inner.setAttribute(handle, attributeId, value);
  }
  beginTransaction(handle: HandleId): Promise<number> {
    return this.inner.beginTransaction(handle);
  }
  endTransaction(handle: HandleId, disposition: number): Promise<number> {
    return this.inner.endTransaction(handle, disposition);
  }
  disconnect(handle: HandleId, disposition: number): Promise<number> {
    return this.inner.disconnect(handle, disposition);
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

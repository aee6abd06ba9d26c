/** The parts of the `pcsclite` native addon (1.0.x) this adapter calls. */
export type NativeCallback<T> = (error: Error | undefined | null, value?: T) => void;

export interface NativePcscLite {
  /** Starts a thread that reports the reader list now and after every PnP change. */
  start(callback: NativeCallback<Buffer>): void;
  close(): number;
}

export interface NativeCardReader {
  get_status(callback: (error: Error | undefined | null, state?: number, atr?: Buffer) => void): void;
  _connect(shareMode: number, protocols: number, callback: NativeCallback<number>): void;
  _disconnect(disposition: number, callback: NativeCallback<void>): void;
  _transmit(data: Buffer, maxResponseLength: number, protocol: number, callback: NativeCallback<Buffer>): void;
  _control(data: Buffer, controlCode: number, output: Buffer, callback: NativeCallback<number>): void;
  close(): number;
  /** '_end' is emitted by the addon when the status thread stops. */
  once(event: '_end', listener: () => void): void;
}

export interface PcscliteAddon {
  PCSCLite: new () => NativePcscLite;
  CardReader: new (readerName: string) => NativeCardReader;
}

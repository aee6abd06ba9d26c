/** The parts of the `smartcard` N-API addon (3.x) this adapter calls. */
export interface SmartcardCardStatus {
  state: number;
  protocol: number;
  atr: Buffer;
}

export interface SmartcardCard {
  readonly protocol: number;
  transmit(command: Buffer, options?: { maxRecvLength?: number }): Promise<Buffer>;
  control(code: number, data?: Buffer): Promise<Buffer>;
  getStatus(): SmartcardCardStatus;
  disconnect(disposition?: number): void;
  reconnect(shareMode?: number, protocol?: number, initialization?: number): Promise<number>;
}

export interface SmartcardReader {
  readonly name: string;
  connect(shareMode?: number, protocol?: number): Promise<SmartcardCard>;
}

export interface SmartcardReaderState {
  name: string;
  state: number;
  atr: Buffer | null;
}

export interface SmartcardContext {
  readonly isValid: boolean;
  listReaders(): SmartcardReader[];
  waitForChange(readers: Array<{ name: string; state: number }>, timeout: number): Promise<SmartcardReaderState[] | null>;
  cancel(): void;
  close(): void;
}

export interface SmartcardAddon {
  Context: new () => SmartcardContext;
}

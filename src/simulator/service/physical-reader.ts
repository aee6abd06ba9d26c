import type { SimulatedCard } from '../simulated-card';
import type { ReaderContext } from './reader-context';
import type { UsbIdentity } from './pinpad-reader';

/** Answers SCardControl: the reader's response bytes, or undefined for a code it does not know. */
export type ReaderControlHandler = (controlCode: number, data: Uint8Array) => Uint8Array | undefined;

/** What `addReader` takes besides the name: USB identity, control handler, card handling. */
export interface SimulatedReaderOptions {
  /** The device's USB identity; without it the name decides model-specific behaviour. */
  readonly usb?: UsbIdentity;
  /** Handles SCardControl; without it every control code answers SCARD_E_UNSUPPORTED_FEATURE. */
  readonly control?: ReaderControlHandler;
  /**
   * Passes commands to a card that is present but powered down, as vpcd does (a hardware reader
   * refuses: SCARD_E_NOT_TRANSACTED). Default false.
   */
  readonly forwardsToUnpoweredCard?: boolean;
}

/** A reader plugged into the simulated machine. It outlives service restarts. */
export class PhysicalReader {
  card: SimulatedCard | undefined;
  /** The service's view of this reader while the service has it running. */
  context: ReaderContext | undefined;
  /** The name the service listed it under most recently. */
  lastListedName: string | undefined;
  attached = true;

  constructor(
    readonly givenName: string,
    readonly options: SimulatedReaderOptions,
  ) {}
}

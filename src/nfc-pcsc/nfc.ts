import { EventEmitter } from 'node:events';
import { Pcsc, type OpenOptions } from '../compose/pcsc';
import type { ReaderInfo } from '../core/reader-info';
import { ACR122Reader } from './acr122-reader';
import { SILENT_LOGGER, type NfcLogger } from './logger';
import { Reader } from './reader';

/** The events of NFC. */
export interface NfcEvents {
  /** A reader appeared (or was there at start). */
  reader: [reader: Reader];
  /** A PC/SC failure. */
  error: [error: Error];
}

/** A name no reader has: waiting for it rejects as soon as the monitor has looked at the readers once. */
const PROBE_READER = 'resilient-pcsc monitor probe (no such reader)';

/**
 * nfc-pcsc's NFC: emits 'reader' for each reader; each Reader emits 'card', 'card.off', 'error'
 * and 'end'. The process stays alive until close(), as with nfc-pcsc. The second argument chooses
 * the PC/SC driver and other resilient-pcsc options.
 */
export class NFC extends EventEmitter<NfcEvents> {
  /** The logger (silent unless given). */
  readonly logger: NfcLogger;
  /** The Pcsc behind it, once open. */
  pcsc: Pcsc | undefined;
  private readonly byName = new Map<string, Reader>();
  private readonly holder = setInterval(() => undefined, 1 << 30);
  private closed = false;

  constructor(logger?: NfcLogger, options: OpenOptions = {}) {
    super();
    this.logger = logger ?? SILENT_LOGGER;
    void this.start(options);
  }

  /** The readers by name. */
  get readers(): Record<string, Reader> {
    return Object.fromEntries(this.byName);
  }

  private async start(options: OpenOptions): Promise<void> {
    let pcsc: Pcsc;
    try {
      pcsc = await Pcsc.open(options);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (this.closed) {
      await pcsc.close();
      return;
    }
    this.pcsc = pcsc;
    pcsc.on('reader-attached', (reader) => this.attached(reader.name));
    pcsc.on('reader-detached', (reader) => this.detached(reader.name));
    pcsc.on('card-inserted', (reader) => this.inserted(reader));
    pcsc.on('card-removed', (reader) => void this.byName.get(reader.name)?.cardRemoved());
    pcsc.on('error', (error) => this.fail(error));
    pcsc.monitor();
    // Readers and cards already there when monitoring began raise no event: list them once the monitor has looked.
    await pcsc.waitForCard({ reader: PROBE_READER }).catch(() => undefined);
    if (this.closed) return;
    try {
      for (const reader of await pcsc.listReaders()) {
        this.attached(reader.name);
        if (reader.atr) this.inserted(reader);
      }
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private attached(name: string): void {
    if (this.byName.has(name)) return;
    const lower = name.toLowerCase();
    const pcsc = this.pcsc;
    if (!pcsc) return;
    const reader = lower.includes('acr122') || lower.includes('acr125') ? new ACR122Reader(pcsc, name, this.logger) : new Reader(pcsc, name, this.logger);
    this.byName.set(name, reader);
    this.emit('reader', reader);
  }

  private detached(name: string): void {
    const reader = this.byName.get(name);
    if (!reader) return;
    this.byName.delete(name);
    reader.emit('end');
  }

  /** One 'card' per insertion: the same insertion seen by the first listing and by an event counts once. */
  private readonly seen = new Map<string, string>();

  private inserted(info: ReaderInfo): void {
    const reader = this.byName.get(info.name);
    if (!reader || !info.atr) return;
    const key = `${Buffer.from(info.atr).toString('hex')}:${info.eventState >>> 16}`;
    if (this.seen.get(info.name) === key && reader.card) return;
    this.seen.set(info.name, key);
    void reader.cardInserted(info.atr);
  }

  private fail(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else this.logger.error('PCSC error', error.message);
  }

  /** Closes the PC/SC context; the process may exit afterwards. */
  close(): void {
    this.closed = true;
    clearInterval(this.holder);
    void this.pcsc?.close();
  }
}

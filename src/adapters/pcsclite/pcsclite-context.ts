import { SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED, SCARD_E_INVALID_HANDLE } from '../../driver/return-codes';
import { collectNativeGarbage } from '../native-garbage';
import { codeFromNativeError } from './error-code';
import type { NativePcscLite, PcscliteAddon } from './native-types';
import { StatusThreadCloser } from './status-thread-closer';

/** One SCardEstablishContext of the `pcsclite` addon, with the reader list its PnP thread reports. */
export class PcscliteContext {
  private readers: readonly string[] | undefined;
  private lostWith = 0;
  private readonly listeners = new Set<() => void>();
  private released = false;
  private afterClose: () => void = () => undefined;
  private readonly closer: StatusThreadCloser;

  private constructor(native: NativePcscLite) {
    this.closer = new StatusThreadCloser(() => {
      native.close();
      this.afterClose();
    });
  }

  /** Establishes the context; the addon throws at once when pcscd is unreachable. */
  static establish(addon: PcscliteAddon): { context: PcscliteContext } | { rc: number } {
    let native: NativePcscLite;
    try {
      native = new addon.PCSCLite();
    } catch (error) {
      return { rc: codeFromNativeError(error) };
    }
    const context = new PcscliteContext(native);
    native.start((error, names) => context.onReaderList(error, names));
    return { context };
  }

  /**
   * Whether the service answers now: a native context established and asked for the PnP reader's
   * state once (what the addon's constructor does), then dropped. 0, or the failure code.
   */
  static probe(addon: PcscliteAddon): number {
    try {
      new addon.PCSCLite();
      return 0;
    } catch (error) {
      return codeFromNativeError(error);
    } finally {
      // The addon releases the native context only when the object is collected.
      collectNativeGarbage();
    }
  }

  get readerNames(): readonly string[] | undefined {
    return this.readers;
  }

  /** SCARD_* code this context died with (service lost), or 0 while it lives. */
  get failure(): number {
    return this.lostWith;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the first reader list arrived (or the context failed), at most `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.readers !== undefined || this.lostWith !== 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.onChange(done);
      function done(): void {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  }

  /** Stops the PnP thread once that is safe, then calls `afterClose`. */
  release(afterClose: () => void = () => undefined): void {
    if (this.released) return;
    this.released = true;
    this.afterClose = afterClose;
    this.closer.request();
  }

  private onReaderList(error: Error | undefined | null, names: Buffer | undefined): void {
    this.closer.noteReport();
    if (this.released) return;
    if (error) {
      const code = codeFromNativeError(error);
      this.lostWith = code === SCARD_E_SERVICE_STOPPED || code === SCARD_E_INVALID_HANDLE ? code : SCARD_E_NO_SERVICE;
    } else {
      this.readers = parseMultiString(names);
    }
    for (const listener of [...this.listeners]) listener();
  }
}

/** Splits a PC/SC multi-string ("a\0b\0\0") into names. */
function parseMultiString(buffer: Buffer | undefined): string[] {
  if (!buffer || buffer.length === 0) return [];
  return buffer
    .toString('utf8')
    .split('\0')
    .filter((name) => name.length > 0);
}

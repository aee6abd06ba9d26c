import { collectNativeGarbage } from '../native-garbage';
import type { PcscliteAddon } from './native-types';
import { readerPoolFor } from './native-reader-pool';
import { PcscliteContext } from './pcsclite-context';

/** How long the last user's release waits before the context and its PnP thread are closed. */
const IDLE_CLOSE_MS = 250;

/**
 * One `pcsclite` PCSCLite (a PC/SC context and its PnP thread, which lists the readers) shared by
 * every context the process's pcsclite drivers hand out. Opening and closing clients in a loop then
 * neither establishes a context per round nor stops a PnP thread per round: stopping one is what can
 * hang (see StatusThreadCloser), and the addon releases a context only when V8 collects it.
 *
 * When the last user leaves, the shared one is closed a moment later together with the reader pool's
 * idle objects. One that died with pcscd is replaced by the next acquire().
 */
export class SharedReaderList {
  private current: PcscliteContext | undefined;
  private users = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly addon: PcscliteAddon) {}

  /**
   * The shared context (established now if there is none, or the last one died), or the failure code.
   * One that is reused is verified first: its PnP thread tells of a daemon that died only a moment
   * later, and an establish answered in that moment would claim a service that is gone.
   */
  acquire(): { readonly context: PcscliteContext } | { readonly rc: number } {
    this.stopIdleTimer();
    if (this.current && this.current.failure !== 0) this.closeCurrent();
    if (this.current) {
      const verified = PcscliteContext.probe(this.addon);
      if (verified !== 0 || this.current.failure !== 0) {
        this.closeCurrent();
        if (verified !== 0) return { rc: verified };
      }
    }
    if (!this.current) {
      const established = PcscliteContext.establish(this.addon);
      if ('rc' in established) return established;
      this.current = established.context;
      this.users = 0;
    }
    this.users++;
    return { context: this.current };
  }

  /** One user of `context` is done with it. */
  release(context: PcscliteContext): void {
    if (context !== this.current) return;
    this.users--;
    if (this.users > 0) return;
    this.idleTimer = setTimeout(() => this.closeCurrent(), IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  private closeCurrent(): void {
    this.stopIdleTimer();
    const closing = this.current;
    this.current = undefined;
    this.users = 0;
    readerPoolFor(this.addon).drain();
    closing?.release(() => collectNativeGarbage());
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

const lists = new WeakMap<PcscliteAddon, SharedReaderList>();

/** The shared reader list of a loaded addon. */
export function sharedReaderListFor(addon: PcscliteAddon): SharedReaderList {
  let list = lists.get(addon);
  if (!list) {
    list = new SharedReaderList(addon);
    lists.set(addon, list);
  }
  return list;
}

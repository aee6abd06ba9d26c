import { Pcsc } from '../compose/pcsc';
import type { DriverChoice } from '../compose/open-driver';
import { PcscError } from '../errors/pcsc-error';
import type { QuirksOption } from '../quirks/apply-quirks';
import { EstablishContextException } from './pcsc-exceptions';
import { socketSettings } from '../compose/socket-option';

/** How the facade reaches PC/SC; every PySCard-style call goes through one shared Pcsc. */
export interface PyscardOptions {
  /** An open Pcsc to use (e.g. on a simulator). The facade never closes a Pcsc it was given. */
  readonly pcsc?: Pcsc;
  /**
   * The driver for the Pcsc the facade opens itself. 'auto' (default) is `Pcsc.open()`'s own
   * choice, so a script gets the same driver (and transactions) as the rest of the library.
   */
  readonly driver?: DriverChoice;
  /** Which platform workarounds to turn on (default 'auto', from the driver's platform). */
  readonly quirks?: QuirksOption;
  /**
   * The unix socket of the pcscd to reach, e.g. one forwarded from another machine with `ssh -L`
   * (docs/remote-readers.md). Implies driver 'pcscd'; with any other driver configure() throws
   * InvalidArgumentError, as Pcsc.open's `socket` does.
   */
  readonly socket?: string;
}

let options: PyscardOptions = {};
let shared: Promise<Pcsc> | undefined;
let owned = false;

/** Chooses the driver or Pcsc for later calls; a Pcsc the facade opened before is closed. */
export async function configure(next: PyscardOptions = {}): Promise<void> {
  socketSettings(next.socket, next.driver, undefined, 'configure');
  await shutdown();
  options = { ...next };
}

/** The shared Pcsc, opened on first use (PySCard's PCSCContext). */
export function getPcsc(): Promise<Pcsc> {
  if (options.pcsc) return Promise.resolve(options.pcsc);
  if (!shared) {
    owned = true;
    shared = openPcsc(options).catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  }
  return shared;
}

/**
 * Closes the Pcsc the facade opened (its connections and context). Node keeps running while a
 * native binding holds a context open, so a script can end with `await shutdown()`.
 */
export async function shutdown(): Promise<void> {
  const pending = shared;
  shared = undefined;
  if (!pending || !owned) return;
  owned = false;
  const pcsc = await pending.catch(() => undefined);
  await pcsc?.close();
}

async function openPcsc(chosen: PyscardOptions): Promise<Pcsc> {
  try {
    if (chosen.socket !== undefined) return await Pcsc.open({ driver: 'pcscd', socket: chosen.socket, quirks: chosen.quirks ?? 'auto', requireService: true });
    return await Pcsc.open({ driver: chosen.driver ?? 'auto', quirks: chosen.quirks ?? 'auto', requireService: true });
  } catch (error) {
    if (error instanceof PcscError) throw new EstablishContextException(error.returnCode);
    throw error;
  }
}

import { Pcsc } from '../compose/pcsc';
import type { GlobalOptions } from './global-options';
import { simulatedDriver } from './simulation';

/** Opens PC/SC as the global options ask: the real service, or the simulator with --simulate. */
export function openPcsc(options: GlobalOptions): Promise<Pcsc> {
  const driver = options.simulate ? simulatedDriver(options.personality, options.simulateTag) : options.driver;
  return Pcsc.open({ driver, quirks: options.quirks, ...(options.socket === undefined ? {} : { socket: options.socket }) });
}

import { Pcsc as ServicePcsc, type ServiceOptions } from '../core/pcsc';
import { checkOptions } from '../core/deadline';
import type { DriverOptions } from './open-driver';

/** Options of {@link Pcsc.open}: the driver and how it is wrapped, then how the service is watched and recovered. */
export interface OpenOptions extends DriverOptions, ServiceOptions {}

/** An application's view of the PC/SC service: readers, cards and their events. */
export class Pcsc extends ServicePcsc {
  /**
   * Loads the driver, applies the platform workarounds and establishes a PC/SC context. Rejects
   * with DriverUnavailableError when no driver can load; while the service is down it resolves in
   * the service-lost state (or rejects with NoServiceError with `requireService: true`).
   * `driverSelection` tells which driver was chosen and why.
   */
  static async open(given?: OpenOptions): Promise<Pcsc> {
    const options = checkOptions<OpenOptions>(given, 'Pcsc.open');
    return ServicePcsc.start(
      options,
      'Pcsc.open',
      // Loaded here, not at import: the driver table, 'auto' and the quirk registry cost start-up
      // time that a program which never opens a Pcsc (or opens it later) should not pay.
      async (notify) => {
        const { openDriver } = await import('./open-driver');
        return openDriver(options, notify);
      },
      (composed) => new Pcsc(composed, options),
    );
  }
}

import type { PcscDriver } from '../driver/pcsc-driver';
import type { DriverName } from './driver-name';

/**
 * Each adapter as it runs in the process that loads it: the native bindings' drivers without the
 * worker their public drivers start. A worker process builds its driver from this table; the
 * composition root's table (compose/driver-bindings) adds probing, settings and the worker.
 * Each adapter is loaded only when named.
 */
export const IN_PROCESS_DRIVERS: Readonly<Record<DriverName, () => Promise<PcscDriver>>> = {
  pcscd: async () => new (await import('./pcscd/pcscd-driver')).PcscdDriver(),
  pcsclite: async () => new (await import('./pcsclite/native-pcsclite-driver')).NativePcscliteDriver(),
  smartcard: async () => new (await import('./smartcard/native-smartcard-driver')).NativeSmartcardDriver(),
  winscard: async () => new (await import('./winscard/winscard-driver')).WinscardDriver(),
};

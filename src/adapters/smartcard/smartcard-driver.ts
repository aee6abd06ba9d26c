import { hostPlatform } from '../host-platform';
import { WorkerDriver, sharedBindingWorker } from '../worker/worker-driver';
import type { WorkerStartOptions } from '../worker/worker-spec';
import { loadSmartcardAddon } from './load-addon';
import { SMARTCARD_CAPABILITIES } from './native-smartcard-driver';

/**
 * The `smartcard` binding as applications use it: NativeSmartcardDriver running in the worker process
 * this process shares for the binding, so that none of the addon's main-thread calls can block the
 * application's event loop. Constructing it throws DriverUnavailableError when the addon is not installed.
 */
export class SmartcardDriver extends WorkerDriver {
  constructor(options: WorkerStartOptions = {}) {
    loadSmartcardAddon();
    super(
      { name: 'smartcard', platform: hostPlatform(), capabilities: SMARTCARD_CAPABILITIES, innerName: 'smartcard' },
      sharedBindingWorker('smartcard', options),
      options.callTimeoutMs,
    );
  }
}

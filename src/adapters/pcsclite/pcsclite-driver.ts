import { hostPlatform } from '../host-platform';
import { WorkerDriver, sharedBindingWorker } from '../worker/worker-driver';
import type { WorkerStartOptions } from '../worker/worker-spec';
import { loadPcscliteAddon } from './load-addon';
import { PCSCLITE_CAPABILITIES } from './native-pcsclite-driver';

/**
 * The `pcsclite` binding as applications use it: NativePcscliteDriver running in the worker process
 * this process shares for the binding. In this process the addon would establish contexts on the main
 * thread (blocking it while pcscd does not answer), release them only when V8 collects its objects,
 * and keep the process alive with its threads; in the worker none of that reaches the application.
 * Constructing it throws DriverUnavailableError when the addon is not installed.
 */
export class PcscliteDriver extends WorkerDriver {
  constructor(options: WorkerStartOptions = {}) {
    loadPcscliteAddon();
    super(
      { name: 'pcsclite', platform: hostPlatform(), capabilities: PCSCLITE_CAPABILITIES, innerName: 'pcsclite' },
      sharedBindingWorker('pcsclite', options),
      options.callTimeoutMs,
    );
  }
}

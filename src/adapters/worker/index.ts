export { WorkerDriver } from './worker-driver';
export type { WorkerDriverSpec, WorkerLaunch, WorkerModuleSpec, WorkerStartOptions } from './worker-spec';
export { defaultWorkerLaunch } from './entry-location';

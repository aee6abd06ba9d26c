import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { WorkerCrashedError } from '../../errors/pcsc-error';
import { reviveError } from './worker-errors';
import type { WorkerMessage, WorkerReady } from './worker-protocol';
import type { WorkerDriverSpec, WorkerLaunch } from './worker-spec';

export type WorkerInfo = WorkerReady['ready'];

export interface StartedWorker {
  readonly child: ChildProcess;
  readonly info: WorkerInfo;
}

/** The spec as the worker needs it: module paths made absolute against this process's directory. */
function portableSpec(spec: WorkerDriverSpec): WorkerDriverSpec {
  return spec.kind === 'module' ? { ...spec, path: path.resolve(spec.path) } : spec;
}

/**
 * Forks a fresh Node process running the worker entry and waits until it has built its driver.
 * Rejects with the worker's own error (e.g. DriverUnavailableError) when it could not.
 */
export function startWorker(spec: WorkerDriverSpec, launch: WorkerLaunch, startTimeoutMs: number): Promise<StartedWorker> {
  const child = fork(launch.entryPath, [JSON.stringify(portableSpec(spec))], {
    // --expose-gc: the pcsclite addon releases a context only when its object is collected (native-garbage.ts).
    execArgv: ['--expose-gc', ...launch.execArgv],
    serialization: 'json',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<StartedWorker>((resolve, reject) => {
    const timer = setTimeout(() => fail(startFailed(`did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
    const cleanUp = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
    };
    const fail = (error: Error): void => {
      cleanUp();
      child.kill('SIGKILL');
      reject(error);
    };
    const onMessage = (message: WorkerMessage): void => {
      if ('ready' in message) {
        cleanUp();
        resolve({ child, info: message.ready });
      } else if ('failed' in message) {
        fail(reviveError(message.failed));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      fail(startFailed(`ended before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    };
    const onError = (error: Error): void => fail(startFailed(`could not start: ${error.message}`));
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}

/** A worker that never became ready is a dead worker to the caller: a typed WorkerCrashedError. */
function startFailed(what: string): WorkerCrashedError {
  return new WorkerCrashedError(`SCardEstablishContext: the PC/SC worker process ${what}.`, 'SCardEstablishContext');
}

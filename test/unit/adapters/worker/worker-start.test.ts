import { InvalidArgumentError } from '../../../../src/errors/invalid-argument-error';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DriverUnavailableError } from '../../../../src/driver/driver-unavailable-error';
import { defaultWorkerLaunch, WorkerDriver } from '../../../../src/adapters/worker';
import { fakeDriverSpec } from './fixtures/fake-driver-path';
import { processExists } from './fixtures/process-alive';

jest.setTimeout(20_000);

describe('WorkerDriver.start', () => {
  it('runs the TypeScript entry under tsx when started from sources', () => {
    const launch = defaultWorkerLaunch();
    expect(path.basename(launch.entryPath)).toBe('worker-entry.ts');
    expect(launch.execArgv).toEqual([
      '--require',
      expect.stringMatching(/tsx[/\\]dist[/\\]cjs[/\\]index\.cjs$/),
      '--import',
      expect.stringMatching(/^file:.*tsx\/dist\/esm\/index\.mjs$/),
    ]);
  });

  it("rejects with the worker's DriverUnavailableError when the driver cannot be built", async () => {
    const failure = WorkerDriver.start(fakeDriverSpec('unavailable'));
    await expect(failure).rejects.toBeInstanceOf(DriverUnavailableError);
    await expect(failure).rejects.toMatchObject({ driverName: 'fake', message: 'The fake binding is not installed.' });
  });

  it('rejects when the export is missing or does not build a driver', async () => {
    await expect(WorkerDriver.start(fakeDriverSpec('noSuchExport'))).rejects.toThrow(/has no export "noSuchExport"/);
    await expect(WorkerDriver.start(fakeDriverSpec('notADriver'))).rejects.toThrow(/did not return a PcscDriver/);
    await expect(WorkerDriver.start({ kind: 'module', path: '/nonexistent/driver.js' })).rejects.toThrow(/Cannot find module/);
  });

  it('rejects when the entry cannot start, and checks its options', async () => {
    const launch = { ...defaultWorkerLaunch(), entryPath: path.join(__dirname, 'fixtures', 'exits-early.ts') };
    await expect(WorkerDriver.start(fakeDriverSpec(), { launch })).rejects.toThrow(/ended before it was ready \(exit code 1\)/);
    await expect(WorkerDriver.start(fakeDriverSpec(), { callTimeoutMs: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(WorkerDriver.start(fakeDriverSpec(), { startTimeoutMs: Number.NaN })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('does not keep an application alive when it is idle, and the worker exits with the application', async () => {
    const app = path.join(__dirname, 'fixtures', 'forgetful-app.ts');
    const launch = defaultWorkerLaunch();
    const { stdout } = await promisify(execFile)(process.execPath, [...launch.execArgv, app], { timeout: 10_000 });
    const workerPid = Number(stdout.trim());
    expect(workerPid).toBeGreaterThan(0);
    const deadline = Date.now() + 5_000;
    while (processExists(workerPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(processExists(workerPid)).toBe(false);
  });
});

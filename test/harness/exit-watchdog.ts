/**
 * Global teardown of the real-pcscd tests, which run in one process (--runInBand). By now every test
 * has passed or failed; a process still alive a little later is held by something a test left open
 * (often a native binding's thread or libuv handle, which jest cannot see). Fail with what is visible
 * instead of hanging until an outer time limit.
 */
const GRACE_MS = 15_000;

export default function exitWatchdog(): void {
  const timer = setTimeout(() => {
    const visible = process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap');
    process.stderr.write(
      `exit watchdog: the test process is still alive ${GRACE_MS / 1000} s after the last test. ` +
        `Held by: ${visible.length > 0 ? visible.join(', ') : 'nothing JavaScript can see (a native thread or handle)'}.\n`,
    );
    process.exit(1);
  }, GRACE_MS);
  timer.unref();
}

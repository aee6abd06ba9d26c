/**
 * When `close()` may be called on a `pcsclite` object that runs a status thread (PCSCLite.start,
 * CardReader.get_status).
 *
 * The addon's close() sets a stop flag, calls SCardCancel for at most 50 ms and joins the thread.
 * SCardCancel only interrupts a SCardGetStatusChange that has already begun, so a close() that comes
 * before the thread's first report races with it: a CardReader whose thread sees the stop flag before
 * its first loop never releases its libuv handle (the process can no longer exit), and a thread that
 * enters SCardGetStatusChange INFINITE after the last cancel blocks the join, and with it the event loop.
 * After a report the thread is back inside SCardGetStatusChange within microseconds on an idle machine,
 * but a loaded one may not schedule it for a while: a close() in that gap joins a thread that then waits
 * forever (the open/close cycles that hung). So close() waits until the last report is QUIET_MS old.
 * close() also must not run inside the addon's callback, which holds a mutex close() takes.
 */
const QUIET_MS = 50;

export class StatusThreadCloser {
  private reported = false;
  private lastReportAt = 0;
  private requested = false;
  private scheduled = false;

  constructor(private readonly close: () => void) {}

  /** Call on every report of the status thread (state, reader list, error or '_end'). */
  noteReport(): void {
    this.reported = true;
    this.lastReportAt = Date.now();
    if (this.requested) this.schedule();
  }

  /** Closes once it is safe: QUIET_MS after the latest report, or after the first report if none came yet. */
  request(): void {
    if (this.requested) return;
    this.requested = true;
    if (this.reported) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(1, this.lastReportAt + QUIET_MS - Date.now());
    setTimeout(this.close, wait);
  }
}

import type { Conflict, ServiceFindings, SystemView } from './conflict';
import { cryptoTokenKitNote, ifdCcidConflict } from './darwin-conflicts';
import { kernelNfcConflict, scdaemonConflict } from './linux-reader-conflicts';
import { activationConflict, polkitConflict, socketConflict } from './linux-service-conflicts';
import { plugAndPlayNote, smartCardServiceConflict, transactionTimeNote } from './windows-conflicts';

/** Everything found on `view` that keeps PC/SC from working, each with its fix; notes last. */
export function detectConflicts(view: SystemView, service: ServiceFindings): Conflict[] {
  const found: Array<Conflict | undefined> =
    view.os === 'linux'
      ? [kernelNfcConflict(view), scdaemonConflict(view), socketConflict(view), activationConflict(view), polkitConflict(view, service)]
      : view.os === 'win32'
        ? [smartCardServiceConflict(view, service), plugAndPlayNote(view), transactionTimeNote()]
        : view.os === 'darwin'
          ? [ifdCcidConflict(view, service), cryptoTokenKitNote(view)]
          : [];
  const present = found.filter((entry): entry is Conflict => entry !== undefined);
  return [...present.filter((entry) => entry.kind === 'conflict'), ...present.filter((entry) => entry.kind === 'note')];
}

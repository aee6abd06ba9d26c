import type { PcscDriver } from '../driver/pcsc-driver';
import { guardSignalFor } from './guard-signal';
import type { QuirkNoticeSink } from './quirk-notice';
import type { QuirkProfile } from './quirk-profile';
import { ControlFailureDiagnostics } from './workarounds/control-failure-diagnostics';
import { ForkGuard } from './workarounds/fork-guard';
import { FullReceiveBuffer } from './workarounds/full-receive-buffer';
import { KnownBadReaderDiagnostics } from './workarounds/known-bad-reader';
import { MissedResetGuard } from './workarounds/missed-reset-guard';
import { NotTransactedRemap } from './workarounds/not-transacted-remap';
import { ProtoMismatchRemap } from './workarounds/proto-mismatch-remap';
import { ReinsertionGuard } from './workarounds/reinsertion-guard';
import { RemovedCardRemap } from './workarounds/removed-card-remap';
import { SharedConnectWithoutBlocking } from './workarounds/shared-connect-without-blocking';
import { UnpoweredIsReset } from './workarounds/unpowered-is-reset';

export type { QuirksOption } from './quirk-profile';

/** Wraps a driver in the workarounds a profile turns on, so it behaves like pcsc-lite on Linux. */
export function withQuirks(driver: PcscDriver, profile: QuirkProfile, notify: QuirkNoticeSink = () => undefined): PcscDriver {
  let wrapped = driver;
  if (profile.enabled.forkGuard) wrapped = new ForkGuard(wrapped);
  if (profile.enabled.knownBadReaderDiagnostics) wrapped = new KnownBadReaderDiagnostics(wrapped, notify);
  if (profile.enabled.controlFailureDiagnostics) wrapped = new ControlFailureDiagnostics(wrapped, notify);
  if (profile.enabled.notTransactedIsProtoMismatch) wrapped = new NotTransactedRemap(wrapped);
  if (profile.enabled.protoMismatchIsSharingViolation) wrapped = new ProtoMismatchRemap(wrapped);
  if (profile.enabled.sharedConnectWithoutBlocking) wrapped = new SharedConnectWithoutBlocking(wrapped, notify);
  if (profile.enabled.fullReceiveBuffer) wrapped = new FullReceiveBuffer(wrapped);
  // UNPOWERED becomes RESET first, so the removed-card remap can then tell a reset from a removal
  if (profile.enabled.unpoweredCardIsReset) wrapped = new UnpoweredIsReset(wrapped);
  if (profile.enabled.removedCardRemap) wrapped = new RemovedCardRemap(wrapped);
  if (profile.enabled.reinsertionGuard) wrapped = new ReinsertionGuard(wrapped);
  if (profile.enabled.missedResetGuard) wrapped = new MissedResetGuard(wrapped, notify, guardSignalFor(profile, wrapped));
  return wrapped;
}

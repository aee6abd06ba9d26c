import type { DoctorReport } from './diagnose';

/**
 * doctor's driver section: which driver is in use, each driver the choice went through and why it
 * was or was not taken, what the driver talks to (pcscd's socket and protocols, or the library
 * 'winscard' loaded and koffi's release), its missing capabilities and the reset guard's signal.
 */
export function driverLines(report: Pick<DoctorReport, 'driverSelection' | 'driver'>): string[] {
  const { requested, trials } = report.driverSelection;
  const { driver } = report;
  const lines: string[] = [];
  if (driver) {
    const missing = driver.missing.length === 0 ? 'none' : driver.missing.join(', ');
    lines.push(`Driver: ${driver.name}; capabilities missing: ${missing}`);
  } else {
    const chosen = trials.find((trial) => trial.outcome === 'chosen');
    lines.push(chosen ? `Driver: ${chosen.name}, which could not open PC/SC (see below)` : `Driver: none works here (asked for: ${requested})`);
  }
  if (trials.length > 0) lines.push(`  Driver choice '${requested}':`);
  for (const trial of trials) lines.push(`    ${trial.name}: ${trial.outcome} - ${trial.reason}`);
  if (driver?.pcscd) {
    const { socketPath, protocol, serverProtocol, error } = driver.pcscd;
    lines.push(
      error === undefined
        ? `  pcscd socket ${socketPath}: protocol ${protocol ?? '?'} spoken, daemon's own ${serverProtocol ?? '?'}`
        : `  pcscd socket ${socketPath}: ${error}`,
    );
  }
  if (driver?.winscard) {
    const { library, loadedFrom, koffi } = driver.winscard;
    const file = loadedFrom && loadedFrom !== library ? `${library} (${loadedFrom})` : library;
    lines.push(`  PC/SC library ${file}, called through koffi${koffi ? ` ${koffi}` : ''}`);
  }
  if (driver) {
    const guard = driver.resetGuard;
    lines.push(`Missed-reset guard signal: ${guard.signal} (${guard.confidence} confidence: ${guard.reason})`);
  }
  return lines;
}

import { driverLines } from '../../../src/cli/doctor/format-driver';
import type { DoctorReport } from '../../../src/cli/doctor/diagnose';
import { CAPABILITIES } from '../../../src/adapters/pcscd/pcscd-driver';

type DriverSection = Pick<DoctorReport, 'driverSelection' | 'driver'>;

const GUARD = { signal: 'status', confidence: 'high', reason: 'SCardStatus reports a reset by another application' } as const;
const SOCKET = '/run/pcscd/pcscd.comm';
const DOWN = `pcscd does not answer on ${SOCKET}: Cannot reach pcscd at ${SOCKET}: ENOENT.`;
const ORDER = "the first that works here in the 'auto' order on linux: pcscd, winscard, smartcard, pcsclite";

describe("doctor's driver section", () => {
  it("names the driver 'auto' took with pcscd down, why it passed over pcscd, and the library winscard loaded", () => {
    const report: DriverSection = {
      driverSelection: {
        requested: 'auto',
        trials: [
          { name: 'pcscd', outcome: 'unavailable', reason: DOWN },
          { name: 'winscard', outcome: 'chosen', reason: ORDER },
          { name: 'smartcard', outcome: 'not tried', reason: "'winscard' comes before it" },
          { name: 'pcsclite', outcome: 'not tried', reason: "'winscard' comes before it" },
        ],
      },
      driver: {
        name: 'winscard',
        capabilities: CAPABILITIES,
        missing: [],
        resetGuard: GUARD,
        winscard: { library: 'libpcsclite.so.1', loadedFrom: '/usr/lib/x86_64-linux-gnu/libpcsclite.so.1.0.0', koffi: '3.3.4' },
      },
    };
    expect(driverLines(report)).toEqual([
      'Driver: winscard; capabilities missing: none',
      "  Driver choice 'auto':",
      `    pcscd: unavailable - ${DOWN}`,
      `    winscard: chosen - ${ORDER}`,
      "    smartcard: not tried - 'winscard' comes before it",
      "    pcsclite: not tried - 'winscard' comes before it",
      '  PC/SC library libpcsclite.so.1 (/usr/lib/x86_64-linux-gnu/libpcsclite.so.1.0.0), called through koffi 3.3.4',
      `Missed-reset guard signal: status (high confidence: ${GUARD.reason})`,
    ]);
  });

  it("gives pcscd's socket, the protocol spoken and the daemon's own", () => {
    const report: DriverSection = {
      driverSelection: { requested: 'pcscd', trials: [{ name: 'pcscd', outcome: 'chosen', reason: 'named explicitly; used without probing' }] },
      driver: {
        name: 'pcscd',
        capabilities: CAPABILITIES,
        missing: ['control'],
        resetGuard: GUARD,
        pcscd: { socketPath: SOCKET, protocol: '4.6', serverProtocol: '4.6' },
      },
    };
    const lines = driverLines(report);
    expect(lines.slice(0, 4)).toEqual([
      'Driver: pcscd; capabilities missing: control',
      "  Driver choice 'pcscd':",
      '    pcscd: chosen - named explicitly; used without probing',
      `  pcscd socket ${SOCKET}: protocol 4.6 spoken, daemon's own 4.6`,
    ]);
  });

  it("says why pcscd's handshake failed, when the chosen driver could not open PC/SC, and when none works", () => {
    const pcscdDown: DriverSection = {
      driverSelection: { requested: 'pcscd', trials: [{ name: 'pcscd', outcome: 'chosen', reason: 'named explicitly; used without probing' }] },
      driver: { name: 'pcscd', capabilities: CAPABILITIES, missing: [], resetGuard: GUARD, pcscd: { socketPath: SOCKET, error: DOWN } },
    };
    expect(driverLines(pcscdDown)).toContain(`  pcscd socket ${SOCKET}: ${DOWN}`);
    const none: DriverSection = {
      driverSelection: { requested: 'auto', trials: [{ name: 'pcscd', outcome: 'unavailable', reason: DOWN }] },
    };
    expect(driverLines(none)).toEqual(['Driver: none works here (asked for: auto)', "  Driver choice 'auto':", `    pcscd: unavailable - ${DOWN}`]);
    const unopened: DriverSection = {
      driverSelection: {
        requested: 'auto',
        trials: [
          { name: 'pcscd', outcome: 'unavailable', reason: DOWN },
          { name: 'winscard', outcome: 'chosen', reason: ORDER },
        ],
      },
    };
    expect(driverLines(unopened)[0]).toBe('Driver: winscard, which could not open PC/SC (see below)');
  });

  it('lists no choice for a simulator', () => {
    const report: DriverSection = {
      driverSelection: { requested: 'simulated', trials: [] },
      driver: { name: 'simulated', capabilities: CAPABILITIES, missing: [], resetGuard: GUARD },
    };
    expect(driverLines(report)).toEqual([
      'Driver: simulated; capabilities missing: none',
      `Missed-reset guard signal: status (high confidence: ${GUARD.reason})`,
    ]);
  });
});

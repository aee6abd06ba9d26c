import type { VirtualCard } from '../../src/testing';
import type { BenchClient } from './client';
import { libraryClient, simulatorClient } from './library';
import { pyscardClient } from './pyscard';
import { rawPcscliteClient } from './raw-pcsclite';
import { rawSmartcardClient } from './raw-smartcard';
import { rawWinscardClient } from './raw-winscard';

const guardOn = { missedResetGuard: true } as const;

/** Every client, in the order of the table. */
export function allClients(readerName: string, simulatedCard: VirtualCard): BenchClient[] {
  return [
    rawPcscliteClient(readerName),
    rawSmartcardClient(readerName),
    rawWinscardClient(readerName),
    pyscardClient(readerName),
    libraryClient(readerName, {
      id: 'library',
      label: 'this library, in-process (defaults)',
      options: {},
      expect: (pcsc) => (pcsc.quirkProfile.enabled.missedResetGuard ? 'the guard is on by default here' : undefined),
    }),
    libraryClient(readerName, { id: 'library-pcscd', label: "this library, driver 'pcscd' (socket protocol)", options: { driver: 'pcscd' } }),
    libraryClient(readerName, {
      id: 'guard-pcscd',
      label: "this library, reset guard on, 'pcscd' (SCardStatus)",
      options: { driver: 'pcscd', quirks: guardOn },
      expect: (pcsc) => (pcsc.quirkProfile.enabled.missedResetGuard ? undefined : 'the guard stayed off'),
    }),
    libraryClient(readerName, { id: 'library-smartcard', label: "this library, driver 'smartcard'", options: { driver: 'smartcard' } }),
    libraryClient(readerName, { id: 'library-winscard', label: "this library, driver 'winscard'", options: { driver: 'winscard' } }),
    libraryClient(readerName, {
      id: 'guard-pcsclite',
      label: "this library, reset guard on, 'pcsclite' (event counter)",
      options: { driver: 'pcsclite', quirks: guardOn },
      expect: (pcsc) => (pcsc.quirkProfile.enabled.missedResetGuard ? undefined : 'the guard stayed off'),
    }),
    libraryClient(readerName, {
      id: 'guard-smartcard',
      label: "this library, reset guard on, 'smartcard' (SCardStatus)",
      options: { driver: 'smartcard', quirks: guardOn },
      expect: (pcsc) => (pcsc.quirkProfile.enabled.missedResetGuard ? undefined : 'the guard stayed off'),
    }),
    libraryClient(readerName, {
      id: 'guard-winscard',
      label: "this library, reset guard on, 'winscard' (SCardStatus)",
      options: { driver: 'winscard', quirks: guardOn },
      expect: (pcsc) => (pcsc.quirkProfile.enabled.missedResetGuard ? undefined : 'the guard stayed off'),
    }),
    libraryClient(readerName, {
      id: 'worker',
      label: "this library, isolation 'worker'",
      options: { isolation: 'worker' },
      expect: (pcsc) => (pcsc.driver.name === 'worker' ? undefined : `driver is ${pcsc.driver.name}, not a worker`),
    }),
    simulatorClient(simulatedCard),
  ];
}

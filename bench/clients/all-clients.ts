import type { OpenOptions } from '../../src';
import type { VirtualCard } from '../../src/testing';
import { batchClient, relayClient } from './batch';
import { cLoopClient } from './c-loop';
import type { BenchClient } from './client';
import { concurrentReadersClient, libraryClient, simulatorClient, type LibraryVariant } from './library';
import { pyscardClient } from './pyscard';
import { rawPcscliteClient } from './raw-pcsclite';
import { rawSmartcardClient } from './raw-smartcard';
import { rawWinscardClient } from './raw-winscard';

/** The two vpcd slots, each with a card: the first is the one every single-reader client uses. */
export interface BenchReaders {
  readonly first: string;
  readonly second: string;
}

type DriverName = 'pcscd' | 'winscard' | 'pcsclite' | 'smartcard';

const GUARD_SIGNAL: Readonly<Record<DriverName, string>> = {
  pcscd: 'SCardStatus',
  winscard: 'SCardStatus',
  pcsclite: 'event counter',
  smartcard: 'SCardStatus',
};

const WHERE: Readonly<Record<DriverName, string>> = {
  pcscd: '',
  winscard: '',
  pcsclite: ', binding in its worker process',
  smartcard: ', binding in its worker process',
};

function plain(readers: BenchReaders, driver: DriverName): BenchClient {
  return libraryClient(readers.first, { id: `library-${driver}`, label: `this library, driver '${driver}'${WHERE[driver]}`, options: { driver } });
}

function guarded(readers: BenchReaders, driver: DriverName): BenchClient {
  const variant: LibraryVariant = {
    id: `guard-${driver}`,
    label: `this library, reset guard on, '${driver}' (${GUARD_SIGNAL[driver]})`,
    options: { driver, quirks: { missedResetGuard: true } } satisfies OpenOptions,
    expect: (pcsc) => (pcsc.quirkProfile.enabled.missedResetGuard ? undefined : 'the guard stayed off'),
  };
  return libraryClient(readers.first, variant);
}

function twoReaders(readers: BenchReaders, driver: DriverName): BenchClient {
  return concurrentReadersClient([readers.first, readers.second], {
    id: `two-readers-${driver}`,
    label: `this library, '${driver}', two readers at once (one Pcsc)`,
    options: { driver },
  });
}

/** Every client, in the order of the table. */
export function allClients(readers: BenchReaders, simulatedCard: VirtualCard): BenchClient[] {
  return [
    rawPcscliteClient(readers.first),
    rawSmartcardClient(readers.first),
    rawWinscardClient(readers.first),
    pyscardClient(readers.first),
    cLoopClient(readers.first),
    plain(readers, 'pcscd'),
    batchClient(readers.first, 'pcscd'),
    guarded(readers, 'pcscd'),
    twoReaders(readers, 'pcscd'),
    plain(readers, 'winscard'),
    batchClient(readers.first, 'winscard'),
    guarded(readers, 'winscard'),
    twoReaders(readers, 'winscard'),
    plain(readers, 'pcsclite'),
    guarded(readers, 'pcsclite'),
    twoReaders(readers, 'pcsclite'),
    plain(readers, 'smartcard'),
    guarded(readers, 'smartcard'),
    libraryClient(readers.first, {
      id: 'worker',
      label: "this library, driver 'pcscd', isolation 'worker'",
      options: { driver: 'pcscd', isolation: 'worker' },
      expect: (pcsc) => (pcsc.driver.name === 'worker' ? undefined : `driver is ${pcsc.driver.name}, not a worker`),
    }),
    simulatorClient(simulatedCard),
    relayClient(readers.first, 'one-by-one'),
    relayClient(readers.first, 'batch'),
  ];
}

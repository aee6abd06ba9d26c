import type { QuirkEntry } from '../quirk-entry';

/** Windows (NT 6.2 = Windows 8 / Server 2012 and later). */
export const WINDOWS_QUIRKS: readonly QuirkEntry[] = [
  {
    id: 'service-stops-with-last-reader',
    os: 'win32',
    firstAffected: 6.2,
    fixedIn: undefined,
    call: 'SCardListReaders, SCardGetStatusChange (any call on an existing context)',
    wrongBehaviour:
      'the Smart Card service stops when the last reader is removed; calls on existing contexts return SCARD_E_SERVICE_STOPPED until a new context is established',
    expectedBehaviour: 'the context keeps working and reports SCARD_E_NO_READERS_AVAILABLE',
    workaround: 'diagnose-only',
    diagnoseOnlyBecause: 'core already treats SCARD_E_SERVICE_STOPPED as a lost service and establishes a new context (service-lost, then service-restored)',
    versionNote: 'Documented by Microsoft as intended behaviour since Windows 8 / Server 2012.',
    source: { title: 'Windows PC/SC and SCARD_E_SERVICE_STOPPED (part 2)', date: '2021-12-27' },
  },
];

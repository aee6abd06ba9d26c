import type { QuirkEntry } from '../quirk-entry';

const REPORT_23900844 = 'Marked as a duplicate of Apple report #23900844, still open; no fix is known.';

/** macOS 10.12 Sierra and later. */
export const SIERRA_AND_LATER_QUIRKS: readonly QuirkEntry[] = [
  {
    id: 'transmit-truncates-response',
    os: 'darwin',
    firstAffected: 16,
    fixedIn: 17,
    call: 'SCardTransmit',
    wrongBehaviour: 'succeeds with a silently truncated answer when the receive buffer is too small',
    expectedBehaviour: 'SCARD_E_INSUFFICIENT_BUFFER with the needed length',
    workaround: 'fullReceiveBuffer',
    versionNote:
      'Triggered by a receive buffer smaller than the answer (a short command answered with more than 258 bytes). Found on 10.12; 10.10 and 10.11 were not checked. Listed as fixed in 10.13.',
    source: { title: 'macOS Sierra bug: SCardTransmit() silently truncates the card response', date: '2017-03-06' },
  },
  {
    id: 'transmit-reset-for-removed',
    os: 'darwin',
    firstAffected: 17,
    fixedIn: undefined,
    call: 'SCardTransmit',
    wrongBehaviour: 'returns SCARD_W_RESET_CARD after the card was removed and inserted again',
    expectedBehaviour: 'SCARD_W_REMOVED_CARD',
    workaround: 'removedCardRemap',
    versionNote: REPORT_23900844,
    source: {
      title: 'macOS HighSierra bug: SCardTransmit() returns different error codes than on GNU/Linux and Windows',
      date: '2018-09-20',
    },
  },
  {
    id: 'end-transaction-reset-for-removed',
    os: 'darwin',
    firstAffected: 17,
    fixedIn: undefined,
    call: 'SCardEndTransaction',
    wrongBehaviour: 'returns SCARD_W_RESET_CARD after the card was removed and inserted again during the transaction',
    expectedBehaviour: 'SCARD_W_REMOVED_CARD',
    workaround: 'removedCardRemap',
    versionNote: REPORT_23900844,
    source: {
      title: 'macOS HighSierra bug: SCardEndTransaction() returns SCARD_W_RESET_CARD instead of SCARD_W_REMOVED_CARD',
      date: '2018-09-21',
    },
  },
  {
    id: 'control-not-transacted',
    os: 'darwin',
    firstAffected: 23,
    fixedIn: 23.3,
    call: 'SCardControl',
    wrongBehaviour: 'fails with SCARD_E_NOT_TRANSACTED (e.g. CM_IOCTL_GET_FEATURE_REQUEST)',
    expectedBehaviour: 'the reader answers the control code',
    workaround: 'controlFailureDiagnostics',
    versionNote: 'macOS 14.0 to 14.2; the report says 14.3 (Darwin 23.3) mostly fixes it.',
    source: { title: 'macOS Sonoma bug: SCardControl() returns SCARD_E_NOT_TRANSACTED', date: '2023-09' },
  },
];

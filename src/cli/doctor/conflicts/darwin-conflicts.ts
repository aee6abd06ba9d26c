import type { Conflict, ServiceFindings, SystemView } from './conflict';

const SMARTCARD_PREFERENCES = '/Library/Preferences/com.apple.security.smartcard';

function preference(view: SystemView, key: string): string | undefined {
  return view.command('defaults', ['read', SMARTCARD_PREFERENCES, key])?.trim();
}

/** A reader attached but not listed: CryptoTokenKit's own CCID driver does not support it. */
export function ifdCcidConflict(view: SystemView, service: ServiceFindings): Conflict | undefined {
  if (service.readerCount > 0 || preference(view, 'useIFDCCID') === '1') return undefined;
  return {
    id: 'macos-use-ifd-ccid',
    kind: 'conflict',
    found:
      'no reader is listed; since macOS 10.13 CryptoTokenKit (ctkpcscd) drives CCID readers with its own driver, which does not ' +
      "handle every reader that pcsc-lite's CCID driver does (useIFDCCID is off)",
    fix: `if a reader is plugged in: sudo defaults write ${SMARTCARD_PREFERENCES} useIFDCCID -bool yes, then unplug and plug it (back: -bool no)`,
  };
}

/** CryptoTokenKit's token drivers connect to each card they recognise, holding it while they read it. */
export function cryptoTokenKitNote(view: SystemView): Conflict | undefined {
  if (!view.processes().some((entry) => entry.name.endsWith('ctkpcscd') || entry.name === 'ctkahp')) return undefined;
  const disabled = preference(view, 'DisabledTokens') ?? '';
  if (disabled.includes('pivtoken')) return undefined;
  return {
    id: 'macos-cryptotokenkit-holds-card',
    kind: 'note',
    found:
      'CryptoTokenKit (ctkpcscd) runs: its token drivers (PIV and others) connect to a card they recognise as soon as it is inserted, ' +
      'so a connect may briefly meet a sharing violation (use waitForSharing) and a login prompt may follow',
    fix: `turn off the PIV token driver: sudo defaults write ${SMARTCARD_PREFERENCES} DisabledTokens -array com.apple.CryptoTokenKit.pivtoken`,
  };
}

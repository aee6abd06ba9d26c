import { NoServiceError, PcscError, type FixedCodeErrorClass } from './pcsc-error';
import * as rc from './return-codes';

/** The operating systems a piece of advice is written for (a driver's `platform.os`). */
export type AdvisedOs = 'linux' | 'darwin' | 'win32' | 'other';

/**
 * How to get the PC/SC service running on `os`, for messages about one that does not answer.
 * Each names the fix; the quirk id points into docs/quirks.md.
 */
export function serviceAdvice(os: AdvisedOs): string {
  if (os === 'win32') {
    return (
      'Start the "Smart Card" service: sc start SCardSvr (as administrator). Set to manual (trigger) start, ' +
      'Windows runs it only while a reader is plugged in and stops it with the last one ' +
      '(quirk service-stops-with-last-reader in docs/quirks.md); sc config SCardSvr start= auto keeps it running.'
    );
  }
  if (os === 'darwin') {
    return (
      'macOS runs its PC/SC service (com.apple.ctkpcscd) only while a reader is attached: attach one. ' +
      "A reader attached but not listed may need the CCID driver instead of CryptoTokenKit's: " +
      'sudo defaults write /Library/Preferences/com.apple.security.smartcard useIFDCCID -bool yes, then re-plug it.'
    );
  }
  return (
    'Start pcscd: sudo systemctl start pcscd.socket (systemd then starts pcscd on the first connection; enable it to keep that), or by hand: sudo pcscd ' +
    '(not both: a pcscd run by hand removes the socket systemd listens on when it stops; sudo systemctl restart pcscd.socket brings it back). ' +
    'Where pcscd runs but hangs up at once, polkit refused this client ("Rejected unauthorized PC/SC client" in journalctl -u pcscd): ' +
    "allow org.debian.pcsc-lite.access_pcsc for this user in /etc/polkit-1/rules.d/. In a container or Flatpak, bind-mount the host's /run/pcscd " +
    '(or set PCSCLITE_CSOCK_NAME to the socket); npx resilient-pcsc doctor checks these.'
  );
}

/** What to do when pcscd's polkit rules refuse a connect to a reader (SCARD_W_SECURITY_VIOLATION). */
export const CARD_ACCESS_ADVICE =
  "pcscd's polkit rules refused this client the reader (action org.debian.pcsc-lite.access_card): allow it for this user in /etc/polkit-1/rules.d/.";

/**
 * `error` with the fix added to its message where the library knows one: a service that does not
 * answer (NoServiceError) or a connect polkit refused. Other errors come back unchanged.
 */
export function withAdvice<E extends Error>(error: E, os: AdvisedOs): E | PcscError {
  if (!(error instanceof PcscError)) return error;
  let advice: string | undefined;
  if (error instanceof NoServiceError) advice = serviceAdvice(os);
  else if (error.code === rc.SCARD_W_SECURITY_VIOLATION && os === 'linux') advice = CARD_ACCESS_ADVICE;
  if (advice === undefined || error.message.includes(advice)) return error;
  return rebuiltWithMessage(error, `${error.message} ${advice}`);
}

/** An error of `error`'s class, code and call with another message; `error` becomes its cause. */
function rebuiltWithMessage(error: PcscError, message: string): PcscError {
  const options = { cause: error, returnCode: error.returnCode };
  if (error.constructor === PcscError) return new PcscError(error.code, message, error.call, options);
  return new (error.constructor as FixedCodeErrorClass)(message, error.call, options);
}

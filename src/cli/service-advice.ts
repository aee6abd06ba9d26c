import { NoServiceError } from '../errors/pcsc-error';

/** How to start the PC/SC service on this machine, for messages about a stopped one. */
export function serviceAdvice(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return 'Start the "Smart Card" service: sc start SCardSvr (as administrator).';
  if (platform === 'darwin') return 'macOS starts its PC/SC service by itself while a reader is attached: attach one.';
  return 'Start pcscd with: sudo systemctl start pcscd.socket (with systemd), or run: sudo pcscd';
}

/** The advice for `error` when it says the service is not running. */
export function adviceFor(error: unknown): string | undefined {
  return error instanceof NoServiceError ? serviceAdvice() : undefined;
}

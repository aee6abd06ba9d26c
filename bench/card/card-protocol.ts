/** Card process → bench: the card sits in the slot and pcscd has powered it up, or it could not. */
export type CardProcessMessage = { readonly ready: true } | { readonly failed: string };

/** Bench → card process: take the card out and exit. */
export const STOP = 'stop';

export function isCardProcessMessage(value: unknown): value is CardProcessMessage {
  if (typeof value !== 'object' || value === null) return false;
  return ('ready' in value && value.ready === true) || ('failed' in value && typeof value.failed === 'string');
}

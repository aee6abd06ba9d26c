import { SCARD_STATE_EMPTY, SCARD_STATE_EVENT_COUNTER_SHIFT, SCARD_STATE_PRESENT } from '../driver/scard-constants';

/**
 * How long a card call that failed with SCARD_E_NOT_TRANSACTED waits for the reader to report a
 * removal: pcscd asks a polled reader every 400 ms, so two polls and some slack.
 */
export const CARD_LEFT_GRACE_MS = 1000;
const POLL_MS = 50;

/**
 * Whether the card left the reader (no card now, or the reader saw a removal or insertion since
 * the first reading) within `graceMs`; false when the same card stays throughout, undefined when
 * the reader's state could not be read. `readState` answers the reader's event state at once
 * (a zero-timeout SCardGetStatusChange): a long wait would hold the application's context.
 */
export async function cardLeft(readState: () => Promise<number | undefined>, graceMs = CARD_LEFT_GRACE_MS): Promise<boolean | undefined> {
  const first = await readState();
  if (first === undefined) return undefined;
  const counter = first >>> SCARD_STATE_EVENT_COUNTER_SHIFT;
  const deadline = Date.now() + graceMs;
  for (let state: number | undefined = first; ; state = await readState()) {
    if (state === undefined) return undefined;
    if (state & SCARD_STATE_EMPTY || !(state & SCARD_STATE_PRESENT)) return true;
    if (state >>> SCARD_STATE_EVENT_COUNTER_SHIFT !== counter) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

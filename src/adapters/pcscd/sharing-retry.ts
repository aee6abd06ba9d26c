import { SCARD_E_SHARING_VIOLATION } from '../../driver/return-codes';

/** PCSCLITE_LOCK_POLL_RATE: how long libpcsclite sleeps before asking again. */
export const SHARING_POLL_MS = 100;

/**
 * libpcsclite's blocking behaviour: while another handle holds the reader (a transaction or an
 * exclusive connection), BEGIN_TRANSACTION, TRANSMIT, STATUS and RECONNECT answer
 * SCARD_E_SHARING_VIOLATION and are asked again every 100 ms, unless PCSCLITE_NO_BLOCKING is set.
 * `stopped` ends the loop (the context is being released) with the last answer.
 */
export function retryWhileShared<T>(
  attempt: () => Promise<T>,
  rvOf: (answer: T) => number,
  stopped: () => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  // Plain promise chaining: every transmit passes here, and an async function costs extra turns.
  return attempt().then((answer) => {
    if (rvOf(answer) !== SCARD_E_SHARING_VIOLATION || env.PCSCLITE_NO_BLOCKING !== undefined || stopped()) return answer;
    return new Promise<void>((resolve) => setTimeout(resolve, SHARING_POLL_MS)).then(() =>
      stopped() ? answer : retryWhileShared(attempt, rvOf, stopped, env),
    );
  });
}

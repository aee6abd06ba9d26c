import { SCARD_E_SHARING_VIOLATION } from '../../return-codes';

/** PCSCLITE_LOCK_POLL_RATE: how long libpcsclite sleeps before asking again. */
export const SHARING_POLL_MS = 100;

/**
 * libpcsclite's blocking behaviour: while another handle holds the reader (a transaction or an
 * exclusive connection), BEGIN_TRANSACTION, TRANSMIT, STATUS and RECONNECT answer
 * SCARD_E_SHARING_VIOLATION and are asked again every 100 ms, unless PCSCLITE_NO_BLOCKING is set.
 * `stopped` ends the loop (the context is being released) with the last answer.
 */
export async function retryWhileShared<T>(
  attempt: () => Promise<T>,
  rvOf: (answer: T) => number,
  stopped: () => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const blocking = env.PCSCLITE_NO_BLOCKING === undefined;
  for (;;) {
    const answer = await attempt();
    if (!blocking || rvOf(answer) !== SCARD_E_SHARING_VIOLATION || stopped()) return answer;
    await new Promise((resolve) => setTimeout(resolve, SHARING_POLL_MS));
    if (stopped()) return answer;
  }
}

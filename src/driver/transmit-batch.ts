import type { BatchControl, HandleId, Outcome, PcscDriver } from './pcsc-driver';

/** A batch nobody stops (tests, the facades' simple paths). */
export const NEVER_STOPPED: BatchControl = Object.freeze({ stopped: () => false });

/**
 * The port's batch call on `driver`, or one command after the other through its `transmit` where
 * the driver has none: the same answers, one round trip per command.
 */
export function transmitBatchOf(
  driver: PcscDriver,
): (handle: HandleId, protocol: number, commands: readonly Uint8Array[], control: BatchControl) => Promise<readonly Outcome<Uint8Array>[]> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(driver) below
  const batch = driver.transmitBatch;
  if (batch) return (handle, protocol, commands, control) => batch.call(driver, handle, protocol, commands, control);
  return (handle, protocol, commands, control) => transmitOneByOne(driver, handle, protocol, commands, control);
}

/**
 * The batch contract kept one command at a time: each command is sent once the one before has
 * answered, and the batch ends after the first failure (its outcome included) or when the caller
 * stops it, so the caller decides what happens to the rest.
 */
export async function transmitOneByOne(
  driver: PcscDriver,
  handle: HandleId,
  protocol: number,
  commands: readonly Uint8Array[],
  control: BatchControl,
): Promise<readonly Outcome<Uint8Array>[]> {
  const outcomes: Outcome<Uint8Array>[] = [];
  for (const command of commands) {
    if (control.stopped()) break;
    const outcome = await driver.transmit(handle, protocol, command);
    if (outcome.ok) control.answered?.(outcomes.length, outcome.value);
    outcomes.push(outcome);
    if (!outcome.ok) break;
  }
  return outcomes;
}

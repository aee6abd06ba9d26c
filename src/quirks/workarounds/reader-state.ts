import type { ContextId, PcscDriver, ReaderStateResult } from '../../driver/pcsc-driver';
import { SCARD_S_SUCCESS } from '../../driver/return-codes';
import { SCARD_STATE_UNAWARE } from '../../driver/scard-constants';

/** The reader's state as the service sees it now (a getStatusChange that does not wait), if it answers. */
export async function currentReaderState(driver: PcscDriver, context: ContextId, reader: string): Promise<ReaderStateResult | undefined> {
  const states = await driver.getStatusChange(context, [{ reader, currentState: SCARD_STATE_UNAWARE }], 0);
  return states.rc === SCARD_S_SUCCESS ? states.value?.[0] : undefined;
}

export { currentEventState } from '../../driver/guarded-transmit';

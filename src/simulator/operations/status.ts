import type { CardStatusResult, Outcome } from '../../driver/pcsc-driver';
import { SCARD_E_INVALID_VALUE, SCARD_E_READER_UNAVAILABLE, SCARD_S_SUCCESS } from '../../driver/return-codes';
import { SCARD_PRESENT, SCARD_STATE_EVENT_COUNTER_SHIFT } from '../../driver/scard-constants';
import { settlePowerOffWhileShared } from '../service/card-power';
import { fail, succeed } from '../service/outcome';
import type { ServerHandle } from '../service/server-handle';
import { checkSharing } from '../service/sharing-lock';
import type { SimulatedService } from '../service/simulated-service';

const NO_ATR = new Uint8Array(0);

/**
 * SCardStatus as libpcsclite answers it: the reader name the handle was opened with, and
 * pcsc-lite's state word, which carries the reader's event counter in its upper 16 bits.
 */
export function statusOnServer(service: SimulatedService, handle: ServerHandle, connectedReaderName: string): Outcome<CardStatusResult> {
  if (service.findReader(connectedReaderName) === undefined) return fail(SCARD_E_READER_UNAVAILABLE);
  const reader = handle.reader;
  if (!reader.attached) return fail(SCARD_E_INVALID_VALUE);
  const sharing = checkSharing(reader, handle);
  if (sharing !== SCARD_S_SUCCESS) return fail(sharing);
  settlePowerOffWhileShared(reader);
  const event = handle.eventCode;
  const missedReset = handle.event === 'reset' && service.personality.bugs.statusMissesReset === true;
  if (event !== SCARD_S_SUCCESS && !missedReset) return fail(event);

  const counter = service.personality.capabilities.eventCounter ? reader.eventCounter : 0;
  return succeed({
    reader: connectedReaderName,
    state: ((counter << SCARD_STATE_EVENT_COUNTER_SHIFT) | reader.state) >>> 0,
    protocol: reader.protocol,
    atr: reader.state & SCARD_PRESENT ? reader.atr.slice() : NO_ATR,
  });
}

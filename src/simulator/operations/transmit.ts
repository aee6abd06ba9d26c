import type { Outcome } from '../../driver/pcsc-driver';
import {
  SCARD_E_INSUFFICIENT_BUFFER,
  SCARD_E_INVALID_VALUE,
  SCARD_E_NO_SMARTCARD,
  SCARD_E_NOT_TRANSACTED,
  SCARD_E_PROTO_MISMATCH,
  SCARD_E_SHARING_VIOLATION,
} from '../../driver/return-codes';
import { SCARD_ABSENT, SCARD_PROTOCOL_RAW } from '../../driver/scard-constants';
import { settlePowerOffWhileShared } from '../service/card-power';
import { fail, succeed } from '../service/outcome';
import { SCARD_PROTOCOL_ANY_OLD } from '../service/protocol-selection';
import type { ReaderContext } from '../service/reader-context';
import { eventCodeReportingRemovalAsReset, type ServerHandle } from '../service/server-handle';

/** True when this transmit slips through a pending reset report (see SimulatedBugs). */
function leaksPastReset(handle: ServerHandle, lateResetReport: boolean): boolean {
  if (!lateResetReport || handle.event !== 'reset' || handle.resetLeaked) return false;
  handle.resetLeaked = true;
  return true;
}

/** How a platform's SCardTransmit deviates from pcsc-lite (see SimulatedBugs and SimulatedCodeBugs). */
export interface TransmitBehaviour {
  readonly lateResetReport: boolean;
  readonly removalAsReset: boolean;
  readonly truncatesLongAnswers: boolean;
}

function deliver(reader: ReaderContext, command: Uint8Array, receiveLength: number, behaviour: TransmitBehaviour): Outcome<Uint8Array> {
  const card = reader.device.card;
  if (card === undefined) return fail(SCARD_E_NOT_TRANSACTED);
  if (!reader.powered && reader.device.options.forwardsToUnpoweredCard !== true) return fail(SCARD_E_NOT_TRANSACTED);
  const answer = card.process(command);
  if (answer.length <= receiveLength) return succeed(answer.slice());
  // the card did answer: pcsc-lite reports the too-small buffer, Sierra cuts the answer short
  return behaviour.truncatesLongAnswers ? succeed(answer.slice(0, receiveLength)) : fail(SCARD_E_INSUFFICIENT_BUFFER);
}

/** SCardTransmit as pcscd serves it; SCARD_E_SHARING_VIOLATION makes the client library retry. */
export function transmitOnServer(
  handle: ServerHandle,
  protocol: number,
  command: Uint8Array,
  receiveLength: number,
  behaviour: TransmitBehaviour,
): Outcome<Uint8Array> {
  const reader = handle.reader;
  if (!reader.attached) return fail(SCARD_E_INVALID_VALUE);
  settlePowerOffWhileShared(reader);
  const holder = reader.lockHolder;
  if (holder !== undefined && holder !== handle) return fail(SCARD_E_SHARING_VIOLATION);
  if (handle.event !== 'none') {
    // the late-report bug delivers with the protocol the handle negotiated before the reset
    if (leaksPastReset(handle, behaviour.lateResetReport)) return deliver(reader, command, receiveLength, behaviour);
    return fail(eventCodeReportingRemovalAsReset(handle, behaviour.removalAsReset));
  }
  if (protocol !== SCARD_PROTOCOL_RAW) {
    if (reader.state & SCARD_ABSENT) return fail(SCARD_E_NO_SMARTCARD);
    if (protocol !== SCARD_PROTOCOL_ANY_OLD && protocol !== reader.protocol) return fail(SCARD_E_PROTO_MISMATCH);
  }
  return deliver(reader, command, receiveLength, behaviour);
}

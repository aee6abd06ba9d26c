import { fail, succeed, type BatchControl, type Outcome } from '../../driver/pcsc-driver';
import { defaultReceiveLength } from '../../driver/receive-length';
import { SCARD_E_SHARING_VIOLATION, SCARD_S_SUCCESS } from '../../driver/return-codes';
import type { ContextLink } from './context-link';
import * as codec from './message-codec';
import { SHARING_POLL_MS } from './sharing-retry';
import { HEADER_SIZE, StructSize } from './wire-layout';

/**
 * At most this many TRANSMITs are written and not yet answered. pcscd reads a socket's requests
 * one at a time and runs each to its end, so requests written ahead only wait in the socket
 * buffer: a deeper window hides more round-trip time (a forwarded socket with 2 ms each way needs
 * about 2 ms / 0.15 ms per command = 27 commands in flight to keep the card busy) but also lets more
 * commands run after one fails or after the caller gave up, since pcscd runs whatever it has read.
 */
export const PIPELINE_WINDOW = 32;

/**
 * ... and at most this many bytes of requests: under the kernel's default unix socket buffer
 * (208 KiB on Linux), so pcscd always has the next request at hand, and no batch of extended
 * commands (up to 64 KiB each) keeps megabytes in flight. A single larger request still goes.
 */
export const PIPELINE_BYTES = 64 * 1024;

interface Written {
  readonly request: Buffer;
  readonly offered: number;
}

/**
 * The TRANSMITs of one batch on a handle's socket, several written before the first answer is
 * read (inside one conversation of the link: nothing else is said on the socket meanwhile). The
 * outcomes are those of a prefix of `commands`, as the port's transmitBatch describes. A sharing
 * violation (another application's transaction) is asked again every 100 ms as libpcsclite does,
 * from the first refused command on, provided every command written after it was refused too:
 * then none of them ran. When one of those ran (the other transaction ended in between), the
 * refusals stand as outcomes, since sending them again would run them out of order.
 * Resolves with `answered`, to which the outcomes are added; rejects with the socket's
 * ServiceLinkError when the link breaks, and `answered` then holds the outcomes read before.
 */
export async function pipelineTransmits(
  link: ContextLink,
  card: number,
  protocol: number,
  commands: readonly Uint8Array[],
  control: BatchControl,
  answered: Outcome<Uint8Array>[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Outcome<Uint8Array>[]> {
  let start = 0;
  while (start < commands.length) {
    const replies: codec.DataReply[] = [];
    try {
      await oneRound(link, card, protocol, commands, start, control, replies);
    } catch (error) {
      for (const reply of replies) answered.push(outcomeOf(reply));
      throw error;
    }
    const failed = replies.findIndex((reply) => reply.rv !== SCARD_S_SUCCESS);
    const refusedAlone =
      failed >= 0 && replies.slice(failed).every((reply) => reply.rv === SCARD_E_SHARING_VIOLATION) && env.PCSCLITE_NO_BLOCKING === undefined;
    const kept = refusedAlone ? replies.slice(0, failed) : replies;
    for (const reply of kept) answered.push(outcomeOf(reply));
    if (!refusedAlone) return answered;
    start += failed;
    if (link.closing || control.stopped()) {
      answered.push(fail(SCARD_E_SHARING_VIOLATION));
      return answered;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, SHARING_POLL_MS));
    if (control.stopped()) return answered;
  }
  return answered;
}

function outcomeOf(reply: codec.DataReply): Outcome<Uint8Array> {
  return reply.rv === SCARD_S_SUCCESS && reply.data ? succeed(reply.data) : fail(reply.rv);
}

/**
 * Writes commands from `start` while the window allows, reads their answers in order into
 * `replies`, and writes no more once an answer failed or the caller stopped: at the end `replies`
 * holds the answers of all the commands written.
 */
async function oneRound(
  link: ContextLink,
  card: number,
  protocol: number,
  commands: readonly Uint8Array[],
  start: number,
  control: BatchControl,
  replies: codec.DataReply[],
): Promise<void> {
  const socket = link.socket;
  const inFlight: Written[] = [];
  let next = start;
  let bytesInFlight = 0;
  let writing = true;
  for (;;) {
    if (writing) {
      const batch: Buffer[] = [];
      while (next < commands.length && inFlight.length < PIPELINE_WINDOW && !control.stopped()) {
        const command = commands[next] as Uint8Array;
        const size = HEADER_SIZE + StructSize.TRANSMIT + command.length;
        if (inFlight.length > 0 && bytesInFlight + size > PIPELINE_BYTES) break;
        const offered = defaultReceiveLength(command);
        const written = { request: codec.transmitRequest(card, protocol, command, offered), offered };
        inFlight.push(written);
        batch.push(written.request);
        bytesInFlight += size;
        next += 1;
      }
      if (batch.length > 0) socket.send(batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch));
    }
    const oldest = inFlight.shift();
    if (!oldest) return;
    const reply = await socket.read(codec.transmitReply(oldest.offered));
    bytesInFlight -= oldest.request.length;
    if (writing && reply.rv === SCARD_S_SUCCESS && reply.data) control.answered?.(start + replies.length, reply.data);
    replies.push(reply);
    if (reply.rv !== SCARD_S_SUCCESS) writing = false;
  }
}

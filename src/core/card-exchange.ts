import type { CommandApdu } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import { completeT0Exchange } from '../apdu/t0-exchange';
import type { Outcome } from '../driver/pcsc-driver';
import { SCARD_S_SUCCESS } from '../driver/return-codes';
import { SCARD_PROTOCOL_T0 } from '../driver/scard-constants';
import { transmitBatchOf } from '../driver/transmit-batch';
import { CardResetError } from '../errors/pcsc-error';
import type { CardHandle } from './card-handle';
import type { CardBehaviour } from './card-types';
import { unwrap } from './check';
import type { BatchRun } from './transmit-batch-run';

/** What a batch step settled, and whether it stopped before a reset to recover from. */
export interface BatchStep {
  readonly settled: number;
  readonly reset: boolean;
}

/**
 * The transmit path of one card connection: a command, parsed once by the caller, goes to the
 * driver as its bytes; the answer comes back as a ResponseApdu or a typed error, completed by
 * GET RESPONSE (61xx) and a resend with the right Le (6Cxx) where T=0 handling is on.
 */
export class CardExchange {
  constructor(
    private readonly handle: CardHandle,
    private readonly behaviour: CardBehaviour,
  ) {}

  /** Whether answers are completed one command at a time (T=0, or `getResponse: true`). */
  get completesAnswers(): boolean {
    return this.behaviour.getResponse ?? this.handle.protocol === SCARD_PROTOCOL_T0;
  }

  /** Sends `command` and resolves with the card's whole answer, in the caller's queue turn. */
  async exchange(command: CommandApdu): Promise<ResponseApdu> {
    const answer = await this.sendOnce(command.bytes);
    if (!this.continuesUnderT0(answer)) return new ResponseApdu(answer);
    // In the same queue turn, so no other command slips in between.
    return new ResponseApdu(await completeT0Exchange((next) => this.sendOnce(next), command, answer));
  }

  /**
   * Sends commands from `from` on, as one driver batch (one command under T=0 handling), and
   * records their results as transmit() would have settled them. Stops before a reset that
   * `mayRecover` from, leaving it unsettled.
   */
  async batchStep(commands: readonly CommandApdu[], from: number, run: BatchRun, mayRecover: (at: number) => boolean): Promise<BatchStep> {
    if (this.completesAnswers) {
      try {
        run.answered(from, await this.exchange(commands[from] as CommandApdu));
      } catch (error) {
        if (error instanceof CardResetError && mayRecover(from)) return { settled: 0, reset: true };
        run.failed(from, error);
      }
      return { settled: 1, reset: false };
    }
    let outcomes: readonly Outcome<Uint8Array>[];
    let streamed = 0;
    try {
      // Answers are kept as they arrive, so a timeout or abort later in the batch does not lose them.
      const control = {
        stopped: run.stopped,
        answered: (offset: number, answer: Uint8Array): void => {
          if (offset !== streamed || answer.length < 2) return;
          run.answered(from + offset, new ResponseApdu(answer));
          streamed += 1;
        },
      };
      const bytes = commands.slice(from).map((command) => command.bytes);
      outcomes = await transmitBatchOf(this.handle.host.driver)(this.handle.id, this.handle.protocol, bytes, control);
    } catch (error) {
      run.failed(from + streamed, error);
      return { settled: streamed + 1, reset: false };
    }
    // The answers before the first failure were settled as they came; the rest as transmit() would settle them.
    for (let offset = streamed; offset < outcomes.length; offset += 1) {
      try {
        // An earlier answer of this batch may have shown the handle dead or the card untrustworthy.
        this.handle.assertAlive();
        this.handle.assertTrusted('SCardTransmit');
        run.answered(from + offset, new ResponseApdu(await this.answerOf(outcomes[offset] as Outcome<Uint8Array>)));
      } catch (error) {
        if (error instanceof CardResetError && mayRecover(from + offset)) return { settled: offset, reset: true };
        run.failed(from + offset, error);
      }
    }
    return { settled: outcomes.length, reset: false };
  }

  /** One SCardTransmit: the answer (data + SW1 SW2) or the typed error. */
  private async sendOnce(command: Uint8Array): Promise<Uint8Array> {
    return this.answerOf(await this.handle.host.driver.transmit(this.handle.id, this.handle.protocol, command));
  }

  /** A transmit's outcome as the answer (data + SW1 SW2) or the typed error. */
  private async answerOf(sent: Outcome<Uint8Array>): Promise<Uint8Array> {
    // Every command passes here: an answer skips the awaited checks a failure needs.
    const outcome = sent.rc === SCARD_S_SUCCESS ? sent : await this.handle.watchLoss(sent, 'SCardTransmit');
    const answer = unwrap(outcome, 'SCardTransmit');
    if (answer.length < 2) throw this.handle.distrust(answer.length);
    return answer;
  }

  /** 61xx (more data: GET RESPONSE) or 6Cxx (wrong Le: send again) while automatic GET RESPONSE is on. */
  private continuesUnderT0(answer: Uint8Array): boolean {
    const sw1 = answer[answer.length - 2];
    if (sw1 !== 0x61 && sw1 !== 0x6c) return false;
    return this.completesAnswers;
  }
}

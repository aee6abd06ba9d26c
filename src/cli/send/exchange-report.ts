import { formatHex, formatHexByte } from '../../apdu/hex';
import { describeStatusWord } from '../../apdu/status-words';

/** One step's outcome as `send --json` reports it. */
export type ExchangeReport =
  | {
      readonly command: string;
      readonly response: string;
      readonly data: string;
      readonly sw: string;
      readonly meaning: string;
    }
  | { readonly reset: true; readonly atr: string };

export function commandReport(command: Uint8Array, response: Uint8Array): ExchangeReport {
  const sw1 = response.length >= 2 ? (response[response.length - 2] ?? 0) : 0;
  const sw2 = response.length >= 2 ? (response[response.length - 1] ?? 0) : 0;
  return {
    command: formatHex(command),
    response: formatHex(response),
    data: formatHex(response.subarray(0, Math.max(0, response.length - 2))),
    sw: response.length >= 2 ? `${formatHexByte(sw1)}${formatHexByte(sw2)}` : '',
    meaning: response.length >= 2 ? describeStatusWord(sw1, sw2) : `No status word: ${response.length} byte(s) answered`,
  };
}

/** The lines `send` prints for a step, scriptor style: `> command` then `< response : meaning`. */
export function humanLines(report: ExchangeReport): string[] {
  if ('reset' in report) return ['> RESET', `< OK: ${report.atr}`];
  return [`> ${report.command}`, `< ${report.response} : ${report.meaning}`];
}

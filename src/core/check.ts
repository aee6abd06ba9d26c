import { SCARD_S_SUCCESS } from '../driver/return-codes';
import type { Outcome } from '../driver/pcsc-driver';
import { errorFromCode } from '../errors/error-table';

/** Throws the typed error for a failed SCard* return code. */
export function check(code: number, call: string): void {
  if (code !== SCARD_S_SUCCESS) throw errorFromCode(code, call);
}

/** The value of a successful outcome, or the typed error for its code. */
export function unwrap<T>(outcome: Outcome<T>, call: string): T {
  if (!outcome.ok) throw errorFromCode(outcome.rc, call);
  return outcome.value;
}

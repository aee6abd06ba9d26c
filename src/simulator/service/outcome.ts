import type { Outcome } from '../../driver/pcsc-driver';
import { SCARD_S_SUCCESS } from '../../driver/return-codes';

export function succeed<T>(value: T): Outcome<T> {
  return { rc: SCARD_S_SUCCESS, value };
}

export function fail<T>(rc: number): Outcome<T> {
  return { rc };
}

/** A server-side call that cannot go on yet (the service keeps the caller waiting and tries again). */
export const WAIT_FOR_CHANGE: unique symbol = Symbol('wait for a change of the service state');
export type ServerReply<T> = T | typeof WAIT_FOR_CHANGE;

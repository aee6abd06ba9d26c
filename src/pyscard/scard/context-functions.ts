/**
 * PySCard's low-level context calls (smartcard.scard): each resolves to what PySCard returns, the
 * hresult first. They run on the facade's driver, so the quirk workarounds apply underneath.
 */
import * as rc from '../../driver/return-codes';
import { checkReaderName } from '../../core/reader-name';
import { InvalidArgumentError } from '../../errors/invalid-argument-error';
import { SCARD_STATE_CHANGED, SCARD_STATE_UNAWARE } from '../../driver/scard-constants';
import type { PcscDriver, ReaderStateQuery } from '../../driver/pcsc-driver';
import { BaseSCardException } from '../pcsc-exceptions';
import { addContext, currentDriver, findContext, removeContext } from './low-level-handles';

/** A reader state as PySCard takes it: (reader, current state) or (reader, current state, ATR). */
export type ReaderStateIn = readonly [reader: string, currentState: number, atr?: readonly number[]];
/** A reader state as PySCard returns it: (reader, event state, ATR). */
export type ReaderStateOut = [reader: string, eventState: number, atr: number[]];

const SCOPES = new Set([0, 1, 2]);

/** Opens a context on the facade's driver: [hresult, hcontext]; a scope other than user, terminal or system answers SCARD_E_INVALID_VALUE. */
export async function SCardEstablishContext(scope: number): Promise<[hresult: number, hcontext: number]> {
  if (!SCOPES.has(scope)) return [rc.SCARD_E_INVALID_VALUE, 0];
  let driver: PcscDriver;
  try {
    driver = await currentDriver();
  } catch (error) {
    if (error instanceof BaseSCardException) return [error.hresult, 0];
    throw error;
  }
  const outcome = await driver.establishContext();
  if (!outcome.ok) return [outcome.rc, 0];
  return [rc.SCARD_S_SUCCESS, addContext({ driver, id: outcome.value })];
}

/** Releases `hcontext` and disconnects the handles opened through it; resolves with the hresult. */
export async function SCardReleaseContext(hcontext: number): Promise<number> {
  const context = findContext(hcontext);
  if (!context) return rc.SCARD_E_INVALID_HANDLE;
  // The handles connected through it go with it (the driver disconnects them, as pcscd does).
  removeContext(hcontext);
  return context.driver.releaseContext(context.id);
}

/** SCARD_S_SUCCESS while `hcontext` is open, SCARD_E_INVALID_HANDLE otherwise. */
export async function SCardIsValidContext(hcontext: number): Promise<number> {
  return findContext(hcontext) ? rc.SCARD_S_SUCCESS : rc.SCARD_E_INVALID_HANDLE;
}

/** The readers PC/SC lists: [hresult, names]. Reader groups are not filtered on (pcsc-lite has one group). */
export async function SCardListReaders(hcontext: number, _groups: readonly string[] = []): Promise<[hresult: number, readers: string[]]> {
  const context = findContext(hcontext);
  if (!context) return [rc.SCARD_E_INVALID_HANDLE, []];
  const outcome = await context.driver.listReaders(context.id);
  return [outcome.rc, outcome.value ? [...outcome.value] : []];
}

/** The reader groups: [hresult, ['SCard$DefaultReaders']], the only group pcsc-lite has. */
export async function SCardListReaderGroups(hcontext: number): Promise<[hresult: number, groups: string[]]> {
  if (!findContext(hcontext)) return [rc.SCARD_E_INVALID_HANDLE, []];
  return [rc.SCARD_S_SUCCESS, ['SCard$DefaultReaders']];
}

/** Ends a pending SCardGetStatusChange of `hcontext` (it answers SCARD_E_CANCELLED); resolves with the hresult. */
export async function SCardCancel(hcontext: number): Promise<number> {
  const context = findContext(hcontext);
  if (!context) return rc.SCARD_E_INVALID_HANDLE;
  return context.driver.cancel(context.id);
}

/**
 * Waits up to `timeout` ms (0xFFFFFFFF: forever) for a reader to differ from the given state. On a
 * timeout, as pcsc-lite, the states returned are the readers' current ones.
 */
export async function SCardGetStatusChange(
  hcontext: number,
  timeout: number,
  readerStates: readonly ReaderStateIn[],
): Promise<[hresult: number, readerStates: ReaderStateOut[]]> {
  const context = findContext(hcontext);
  if (!context) return [rc.SCARD_E_INVALID_HANDLE, []];
  checkReaderStates(readerStates);
  const queries: ReaderStateQuery[] = readerStates.map(([reader, currentState]) => ({ reader, currentState }));
  const outcome = await context.driver.getStatusChange(context.id, queries, timeout);
  if (outcome.value) return [outcome.rc, outcome.value.map((state) => [state.reader, state.eventState, [...state.atr]])];
  if (outcome.rc !== rc.SCARD_E_TIMEOUT) return [outcome.rc, readerStates.map(([reader, currentState, atr]) => [reader, currentState, [...(atr ?? [])]])];
  const now = await context.driver.getStatusChange(
    context.id,
    queries.map(({ reader }) => ({ reader, currentState: SCARD_STATE_UNAWARE })),
    0,
  );
  const states = now.value ?? [];
  return [
    rc.SCARD_E_TIMEOUT,
    readerStates.map(([reader, currentState, atr], i) => {
      const state = states[i];
      return state ? [reader, state.eventState & ~SCARD_STATE_CHANGED, [...state.atr]] : [reader, currentState, [...(atr ?? [])]];
    }),
  ];
}

function checkReaderStates(readerStates: readonly ReaderStateIn[]): void {
  if (!Array.isArray(readerStates)) {
    throw InvalidArgumentError.expected('readerstates', 'a list of (reader, state[, atr]) tuples', readerStates, 'SCardGetStatusChange');
  }
  for (const entry of readerStates) {
    if (!Array.isArray(entry) || !Number.isInteger(entry[1])) {
      throw InvalidArgumentError.expected('readerstates[]', '(reader name, current state[, atr])', entry, 'SCardGetStatusChange');
    }
    checkReaderName(entry[0], 'SCardGetStatusChange', 'readerstates[][0]');
  }
}

import { SCARD_E_INVALID_PARAMETER, SCARD_E_UNSUPPORTED_FEATURE } from '../driver/return-codes';
import { errorFromCode } from '../errors/error-table';
import type { PcscError } from '../errors/pcsc-error';
import type { Disposition } from './share-protocol';

/**
 * Who is held back while a transaction runs.
 * - 'system': every application on the machine (SCardBeginTransaction). A driver without
 *   SCardBeginTransaction rejects the transaction with UnsupportedFeatureError.
 * - 'process': every Card of every Pcsc of this process on the reader: their calls wait until the
 *   transaction ends. Other processes are held back only where the driver has SCardBeginTransaction,
 *   which is then used as well.
 */
export type TransactionScope = 'system' | 'process';

/** Options of `card.transaction()`. */
export interface TransactionOptions {
  /** What happens to the card when the transaction ends (SCardEndTransaction's disposition). Default 'leave'. */
  readonly end?: Disposition;
  /** Default 'system'. `{ scope: 'process' }` is the explicit in-process lock for drivers without transactions. */
  readonly scope?: TransactionScope;
}

/** The drivers whose SCardBeginTransaction is real (named in UnsupportedFeatureError). */
export const DRIVERS_WITH_TRANSACTIONS = ['pcscd', 'winscard', 'simulated'] as const;

export function transactionScope(value: unknown): TransactionScope {
  if (value === undefined || value === 'system') return 'system';
  if (value === 'process') return 'process';
  throw errorFromCode(SCARD_E_INVALID_PARAMETER, undefined, `Unknown transaction scope ${JSON.stringify(value)}; expected 'system' or 'process'.`);
}

/** Why a 'system' transaction cannot run on `driverName`, and what to do instead. */
export function transactionsUnsupported(driverName: string): PcscError {
  const drivers = DRIVERS_WITH_TRANSACTIONS.map((name) => `'${name}'`).join(', ');
  return errorFromCode(
    SCARD_E_UNSUPPORTED_FEATURE,
    'SCardBeginTransaction',
    `The '${driverName}' driver has no SCardBeginTransaction, so other applications would not be held back. ` +
      `Drivers with transactions: ${drivers} (a simulator's driver). ` +
      "Or pass { scope: 'process' } to hold back only this process's connections to the reader.",
  );
}

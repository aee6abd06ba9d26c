import type { ReaderInfo } from '../../core/reader-info';
import { NoReaderOrCardError } from '../cli-errors';

/**
 * The reader `send` talks to: the one named (by name or index) or, by default, the first reader
 * holding a card.
 */
export function chooseReader(readers: readonly ReaderInfo[], wanted: string | undefined): ReaderInfo {
  if (readers.length === 0) throw new NoReaderOrCardError('No smart card reader found.');
  if (wanted !== undefined) {
    const byIndex = /^\d+$/.test(wanted) ? readers[Number(wanted)] : undefined;
    const found = byIndex ?? readers.find((reader) => reader.name === wanted);
    if (!found) {
      const known = readers.map((reader, i) => `${i}: ${reader.name}`).join(', ');
      throw new NoReaderOrCardError(`No reader named "${wanted}". Readers: ${known}`);
    }
    return found;
  }
  const withCard = readers.find((reader) => reader.atr !== undefined);
  if (!withCard) throw new NoReaderOrCardError(`No card in any reader (${readers.map((reader) => reader.name).join(', ')}).`);
  return withCard;
}

import { getPcsc } from './context';
import { hresultOf } from './error-codes';
import { ListReadersException } from './exceptions';
import { Reader } from './reader';

/**
 * The readers PC/SC knows, as Reader objects (smartcard.System.readers). `groups` is accepted for
 * PySCard compatibility; pcsc-lite has only the default group, so it does not narrow the list.
 */
export async function readers(groups: readonly string[] | string = []): Promise<Reader[]> {
  // eslint-disable-next-line @typescript-eslint/no-meaningless-void-operator -- kept for PySCard's signature, read on purpose
  void groups;
  const pcsc = await getPcsc();
  let names: string[];
  try {
    names = (await pcsc.listReaders()).map((reader) => reader.name);
  } catch (error) {
    throw new ListReadersException(hresultOf(error));
  }
  return names.map((name) => new Reader(name));
}

/** The reader groups: pcsc-lite's SCardListReaderGroups always answers this one group. */
export async function readergroups(): Promise<string[]> {
  await getPcsc();
  return ['SCard$DefaultReaders'];
}

/** Reader names (PySCard's deprecated smartcard.System.listReaders). */
export async function listReaders(): Promise<string[]> {
  return (await readers()).map(String);
}

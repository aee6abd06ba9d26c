import type { TransmitResult } from './card-connection';
import { PassThruCardService, type CardService } from './card-service';
import { InvalidReaderException, NoReadersException } from './exceptions';
import type { Reader } from './reader';
import { pyTuple } from './python-text';
import { readers } from './system';
import type { ByteList } from './util/hex-string';

/**
 * PySCard's Session: a connection to one reader's card. The constructor cannot wait for the card,
 * so a session starts with `await Session.open(readerName?)` (default: the first reader).
 */
export class Session {
  /** The session's reader. */
  readonly reader: Reader;
  /** The reader's name in single quotes, as PySCard's Session keeps it. */
  readonly readerName: string;
  private readonly cs: CardService;

  private constructor(reader: Reader) {
    this.reader = reader;
    this.readerName = `'${reader.name}'`;
    this.cs = new PassThruCardService(reader.createConnection());
  }

  /**
   * Connects to the card in the reader named `readerName` (default: the first reader). Rejects with
   * NoReadersException when there is no reader, InvalidReaderException for an unknown name, and as
   * CardConnection.connect does when the card cannot be reached.
   */
  static async open(readerName?: string | null): Promise<Session> {
    const available = await readers();
    let reader: Reader | undefined;
    if (readerName === undefined || readerName === null) {
      reader = available[0];
      if (!reader) throw new NoReadersException();
    } else {
      reader = available.find((candidate) => String(candidate) === readerName);
      if (!reader) throw new InvalidReaderException(readerName);
    }
    const session = new Session(reader);
    await session.cs.connection.connect();
    return session;
  }

  /** Disconnects from the card (unpowering it, as PySCard's close). */
  close(): Promise<void> {
    return this.cs.connection.disconnect();
  }

  /** Transmits; like PySCard, a response with more than 2 data bytes also gets SW1 SW2 appended to its data. */
  async sendCommandAPDU(command: ByteList): Promise<TransmitResult> {
    const [response, sw1, sw2] = await this.cs.connection.transmit(command);
    if (response.length > 2) response.push(sw1, sw2);
    return pyTuple<TransmitResult>([response, sw1, sw2]);
  }

  /** The card's ATR bytes. */
  getATR(): Promise<number[]> {
    return this.cs.connection.getATR();
  }

  /** '<Session instance: readerName=...>', as PySCard's str(session). */
  toString(): string {
    return `<Session instance: readerName=${this.readerName}>`;
  }
}

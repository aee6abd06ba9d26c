/** What pcscd itself logged about the cards of one reader. */
export interface LoggedCardEvents {
  /** "Card inserted into R": pcscd took a card in (after an empty reader or a reader error). */
  readonly inserted: number;
  /** Times a card clients saw left their sight: "Card Removed From R", or a reader error while it held a card. */
  readonly removed: number;
  /** Of `removed`, those from a reader error ("Error communicating to: R"), see PcscdCardLog. */
  readonly removedByReaderError: number;
  /** What pcscd logged for the reader, in order: 'inserted', 'removed', 'reader-error'. */
  readonly history: readonly string[];
}

const INSERTED = / Card inserted into (.+)$/;
const REMOVED = / Card Removed From (.+)$/;
const READER_ERROR = / Error communicating to: (.+)$/;

interface ReaderLog {
  inserted: number;
  removed: number;
  removedByReaderError: number;
  holdsCard: boolean;
  history: string[];
}

/**
 * Follows pcscd's log at `--info` level (the same lines in 1.9.9 and 2.x) per reader, to set what
 * the daemon saw beside what a client was told.
 *
 * When the reader driver fails a presence poll, pcscd logs "Error communicating to: R" and
 * publishes the reader as SCARD_STATE_UNKNOWN with no ATR: a client sees the card gone. At the
 * next good poll it logs "Card inserted into R" and powers the card up anew, with no "Card
 * Removed" line in between. Such a removal is counted, and also counted apart: a client that
 * looked only before and after the error sees the card stay, and the event counter moved by one,
 * which pcscd also shows in the middle of an ordinary insertion (it publishes the ATR before it
 * counts the event).
 */
export class PcscdCardLog {
  private partialLine = '';
  private readonly readers = new Map<string, ReaderLog>();

  push(chunk: string): void {
    const lines = (this.partialLine + chunk).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.follow(line.trimEnd());
  }

  /** Every reader pcscd logged a card event or a reader error for so far. */
  snapshot(): ReadonlyMap<string, LoggedCardEvents> {
    return new Map(
      [...this.readers].map(([name, log]) => [
        name,
        { inserted: log.inserted, removed: log.removed, removedByReaderError: log.removedByReaderError, history: [...log.history] },
      ]),
    );
  }

  private follow(line: string): void {
    const inserted = INSERTED.exec(line)?.[1];
    if (inserted !== undefined) {
      const log = this.reader(inserted);
      log.inserted += 1;
      log.holdsCard = true;
      log.history.push('inserted');
      return;
    }
    const removed = REMOVED.exec(line)?.[1];
    const failed = removed === undefined ? READER_ERROR.exec(line)?.[1] : undefined;
    const name = removed ?? failed;
    if (name === undefined) return;
    const log = this.reader(name);
    log.history.push(failed === undefined ? 'removed' : 'reader-error');
    if (!log.holdsCard) return;
    log.holdsCard = false;
    log.removed += 1;
    if (failed !== undefined) log.removedByReaderError += 1;
  }

  private reader(name: string): ReaderLog {
    let log = this.readers.get(name);
    if (!log) {
      log = { inserted: 0, removed: 0, removedByReaderError: 0, holdsCard: false, history: [] };
      this.readers.set(name, log);
    }
    return log;
  }
}

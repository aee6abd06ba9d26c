/** How many times pcscd itself logged a card going into and out of one reader. */
export interface LoggedCardEvents {
  readonly inserted: number;
  readonly removed: number;
}

const INSERTED = / Card inserted into (.+)$/;
const REMOVED = / Card Removed From (.+)$/;

/**
 * Counts the card insertions and removals pcscd logs at `--info` level ("Card inserted into R",
 * "Card Removed From R", the same lines in 1.9.9 and 2.x), per reader: what the daemon saw, to set
 * beside what a client was told.
 */
export class PcscdCardLog {
  private partialLine = '';
  private readonly counts = new Map<string, { inserted: number; removed: number }>();

  push(chunk: string): void {
    const lines = (this.partialLine + chunk).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.countLine(line.trimEnd());
  }

  /** Every reader pcscd logged a card event for so far. */
  snapshot(): ReadonlyMap<string, LoggedCardEvents> {
    return new Map([...this.counts].map(([reader, counts]) => [reader, { ...counts }]));
  }

  private countLine(line: string): void {
    const inserted = INSERTED.exec(line);
    const removed = inserted ? null : REMOVED.exec(line);
    const reader = inserted?.[1] ?? removed?.[1];
    if (reader === undefined) return;
    const counts = this.counts.get(reader) ?? { inserted: 0, removed: 0 };
    if (inserted) counts.inserted += 1;
    else counts.removed += 1;
    this.counts.set(reader, counts);
  }
}

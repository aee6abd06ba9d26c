/** Where a command writes: human lines, or JSON documents with --json. Diagnostics go to stderr. */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  /** A line of human output (ignored with --json). */
  line(text = ''): void {
    if (!this.json) this.out.write(`${text}\n`);
  }

  /** One JSON document on its own line (ignored without --json). */
  document(value: unknown): void {
    if (this.json) this.out.write(`${JSON.stringify(value)}\n`);
  }

  /** A diagnostic on stderr, in both modes. */
  warn(text: string): void {
    this.err.write(`${text}\n`);
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    return new Promise((resolve) => this.out.write('', () => resolve()));
  }
}

/** One way of sending APDUs, benchmarked side by side with the others. */
export interface BenchClient {
  /** Short key used in --json output and ratios. */
  readonly id: string;
  readonly label: string;
  /** Connects and selects the applet; the session is reused for every round. */
  open(): Promise<BenchSession>;
}

export interface BenchSession {
  /** Sends `count` test commands one after another and returns APDUs per second. */
  run(count: number): Promise<number>;
  close(): Promise<void>;
}

/** Times `count` sequential calls of `once`. */
export async function timeSequential(count: number, once: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

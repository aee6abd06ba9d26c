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

/** Times `work`, which sends `apdus` commands in all, and returns APDUs per second. */
export async function timeApdus(apdus: number, work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return apdus / seconds;
}

/** Times `count` sequential calls of `once`. */
export function timeSequential(count: number, once: () => Promise<void>): Promise<number> {
  return timeApdus(count, async () => {
    for (let i = 0; i < count; i++) await once();
  });
}

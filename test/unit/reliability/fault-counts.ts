/** How many faults a reliability run injects: full counts with RESILIENT_PCSC_SOAK=1, smaller ones otherwise. */
export interface FaultCounts {
  readonly resets: number;
  readonly restarts: number;
  readonly removals: number;
  readonly malformed: number;
}

export function faultCounts(ci: FaultCounts): FaultCounts {
  if (process.env.RESILIENT_PCSC_SOAK === '1') return { resets: 1000, restarts: 20, removals: 200, malformed: 10_000 };
  return ci;
}

/** A small deterministic PRNG so a failing run can be repeated (seed from RESILIENT_PCSC_SEED). */
export function random(seed = Number(process.env.RESILIENT_PCSC_SEED ?? 1)): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

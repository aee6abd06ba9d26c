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

/** A random input that transmit, connect or open must refuse with a typed error. */
export function malformedInput(next: () => number): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return pick<() => unknown>([
    () => [0x80, ...Array.from({ length: Math.floor(next() * 8) }, () => pick([-1, 256, 1.5, NaN, '0x', null]))],
    () => Array.from({ length: Math.floor(next() * 4) }, () => Math.floor(next() * 256)),
    () => 'zz'.repeat(Math.floor(next() * 4) + 1),
    () => '80 3',
    () => new Uint8Array(Math.floor(next() * 4)),
    () => pick([undefined, null, 42, {}, Symbol('x'), () => 1]),
  ])();
}

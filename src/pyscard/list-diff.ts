interface Comparable {
  equals(other: unknown): boolean;
}

function same<T>(a: T, b: T): boolean {
  const comparable = a as Partial<Comparable> | null;
  return typeof comparable?.equals === 'function' ? comparable.equals(b) : a === b;
}

/** Items of `current` not in `previous`, and items of `previous` not in `current` (PySCard's `in`). */
export function listDiff<T>(previous: readonly T[], current: readonly T[]): { added: T[]; removed: T[] } {
  return {
    added: current.filter((item) => !previous.some((old) => same(old, item))),
    removed: previous.filter((old) => !current.some((item) => same(item, old))),
  };
}

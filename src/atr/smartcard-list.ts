/** One card entry of pcsc-tools' smartcard_list.txt. */
export interface AtrListEntry {
  /** The ATR pattern as written: hex bytes, `.` wildcards, occasionally `[..]` classes or `.*`. */
  readonly pattern: string;
  /** The tab-indented description lines that follow the pattern, tab removed. */
  readonly descriptions: readonly string[];
}

/** An entry with its pattern compiled; `regex` is undefined when the pattern is not a valid expression. */
export interface CompiledAtrListEntry extends AtrListEntry {
  /** The pattern as an anchored, case-insensitive expression; undefined when it does not compile. */
  readonly regex: RegExp | undefined;
}

/**
 * Reads the smartcard_list.txt format: `#` comments, blank lines, an ATR pattern line, then its
 * tab-indented description lines. Patterns are anchored and compared without regard to case,
 * against the ATR as upper-case hex bytes separated by single spaces.
 */
export function parseSmartcardList(text: string): CompiledAtrListEntry[] {
  const entries: CompiledAtrListEntry[] = [];
  let current: { pattern: string; descriptions: string[] } | undefined;
  const flush = (): void => {
    if (current !== undefined) entries.push({ ...current, regex: compile(current.pattern) });
    current = undefined;
  };

  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line.startsWith('\t')) {
      current?.descriptions.push(line.slice(1).trimEnd());
      continue;
    }
    flush();
    const pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    current = { pattern, descriptions: [] };
  }
  flush();
  return entries;
}

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'i');
  } catch {
    return undefined;
  }
}

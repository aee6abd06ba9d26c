import type { GlobalOptions } from './global-options';
import type { Output } from './output';

/** What a command gets from main: parsed options, its positional arguments, where to write. */
export interface CommandContext {
  readonly global: GlobalOptions;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly output: Output;
  /** Ends a following command (scan) early: SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

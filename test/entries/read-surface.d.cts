import type * as ts from 'typescript';

/** What one entry file exports: every name, sorted, and those whose declaration has no doc comment. */
export interface EntrySurface {
  readonly names: string[];
  readonly undocumented: string[];
}

/** Reads each entry file's exports with `typescript`, keyed by the file as given. */
export function readSurfaces(typescript: typeof ts, files: readonly string[], options: ts.CompilerOptions): Map<string, EntrySurface>;

import type { AdvisedOs } from '../../../errors/service-advice';

/** Something on this machine that keeps PC/SC from working, and how to fix it. */
export interface Conflict {
  /** Stable id, e.g. 'kernel-nfc-claims-reader'. */
  readonly id: string;
  /** 'conflict': found here and in the way; 'note': a platform rule worth knowing, not a fault seen. */
  readonly kind: 'conflict' | 'note';
  /** What was found. */
  readonly found: string;
  /** The fix, as commands where there are any. */
  readonly fix: string;
  /** The quirk registry's entry for it (docs/quirks.md), where it lists one. */
  readonly quirk?: string;
}

/** A running process as the detections see it. */
export interface RunningProcess {
  readonly pid: number;
  /** The executable's name, e.g. 'pcscd'. */
  readonly name: string;
  readonly args: readonly string[];
}

/** What the detections may look at; faked in tests. */
export interface SystemView {
  readonly os: AdvisedOs;
  readonly env: Readonly<Record<string, string | undefined>>;
  readText(path: string): string | undefined;
  exists(path: string): boolean;
  listDir(path: string): readonly string[];
  processes(): readonly RunningProcess[];
  /** A command's standard output, or undefined when it cannot run or fails. */
  command(file: string, args: readonly string[]): string | undefined;
}

/** What doctor learned from PC/SC itself before looking for conflicts. */
export interface ServiceFindings {
  readonly reachable: boolean;
  /** The SCARD_* code of the failure when not reachable. */
  readonly code?: number;
  readonly readerCount: number;
}

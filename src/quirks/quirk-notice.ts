import type { QuirkId } from './registry';

/** A quirk workaround or diagnosis the library applied or wants the application to know about. */
export interface QuirkNotice {
  /** The registry entry the notice is about. */
  readonly quirk: QuirkId;
  readonly reader?: string;
  readonly message: string;
}

export type QuirkNoticeSink = (notice: QuirkNotice) => void;

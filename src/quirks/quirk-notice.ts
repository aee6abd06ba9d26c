import type { QuirkId } from './registry';

/** A quirk workaround or diagnosis the library applied or wants the application to know about. */
export interface QuirkNotice {
  /** The registry entry the notice is about. */
  readonly quirk: QuirkId;
  /** The reader the notice is about, when it is about one. */
  readonly reader?: string;
  /** What happened or what to do, for people. */
  readonly message: string;
}

/** Receives quirk notices (a Pcsc emits them as 'quirk' events). */
export type QuirkNoticeSink = (notice: QuirkNotice) => void;

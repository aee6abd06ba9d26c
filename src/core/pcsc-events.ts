import type { ReaderInfo } from './reader-info';

/** A quirk workaround or diagnosis the library applied or wants the application to know about. */
export interface QuirkNotice {
  readonly quirk: string;
  readonly reader?: string;
  readonly message: string;
}

export interface PcscEvents {
  'reader-attached': (reader: ReaderInfo) => void;
  'reader-detached': (reader: { name: string }) => void;
  'card-inserted': (reader: ReaderInfo) => void;
  'card-removed': (reader: ReaderInfo) => void;
  'service-lost': (error: Error) => void;
  'service-restored': () => void;
  quirk: (notice: QuirkNotice) => void;
  error: (error: Error) => void;
}

/** A quirk workaround or diagnosis the library applied or wants the application to know about. */
export interface QuirkNotice {
  readonly quirk: string;
  readonly reader?: string;
  readonly message: string;
}

export type QuirkNoticeSink = (notice: QuirkNotice) => void;

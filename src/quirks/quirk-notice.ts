import type { QuirkNotice } from '../core/pcsc-events';

export type QuirkNoticeSink = (notice: QuirkNotice) => void;

export { VirtualCard } from './virtual-card';
export type { VirtualCardOptions, CardAnswer, CardLogEntry } from './virtual-card';
